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
 * header matches, compared in constant time so timing reveals nothing about the expected value.
 */
public final class WebhookSignature {

  private WebhookSignature() {}

  public static boolean verify(String secret, byte[] body, String header) {
    if (secret == null || header == null || header.isBlank()) {
      return false;
    }
    byte[] presented;
    try {
      presented = Base64.getDecoder().decode(header.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(sign(secret, body), presented);
  }

  /** The signature Shopify would send for {@code body}; tests sign with it. */
  public static String header(String secret, byte[] body) {
    return Base64.getEncoder().encodeToString(sign(secret, body));
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
