package io.upsell.ingest.shopify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify signs each delivery with {@code base64(HMAC-SHA256(secret, raw body))}; a delivery is genuine only if the
 * header matches, compared in constant time so timing reveals nothing about the expected value. A shop that does not
 * exist (or has no secret) costs the same: the HMAC is computed with a dummy secret and compared all the same, so the
 * time of a 401 does not tell which shop ids exist.
 */
public final class WebhookSignature {

  /** Signs for unknown shops; random per process, and the result is refused whatever it matches. */
  private static final String DUMMY_SECRET = java.util.UUID.randomUUID().toString();

  private WebhookSignature() {}

  /** True only when {@code secret} is a shop's secret and {@code header} is the HMAC of {@code body} with it. */
  public static boolean verify(String secret, byte[] body, String header) {
    return verify(secret, body, header, WebhookSignature::sign);
  }

  /** The same, signing with {@code signer}: what tests watch to see an unknown shop cost one HMAC too. */
  static boolean verify(String secret, byte[] body, String header, Signer signer) {
    boolean known = secret != null && !secret.isEmpty();
    byte[] expected = signer.sign(known ? secret : DUMMY_SECRET, body);
    boolean equal = MessageDigest.isEqual(expected, decode(header));
    return equal & known;
  }

  /** HMAC-SHA256 of a body with a secret. */
  interface Signer {
    byte[] sign(String secret, byte[] body);
  }

  /** The signature Shopify would send for {@code body}; tests sign with it. */
  public static String header(String secret, byte[] body) {
    return Base64.getEncoder().encodeToString(sign(secret, body));
  }

  /** The header's bytes; none when it is missing or not base64 (which then matches nothing). */
  private static byte[] decode(String header) {
    if (header == null || header.isBlank()) {
      return new byte[0];
    }
    try {
      return Base64.getDecoder().decode(header.strip());
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static byte[] sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body == null ? new byte[0] : body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
