package io.upsell.engine.policy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A trigger's coupon code is the HMAC-SHA256 of its shop and trigger id under the engine's secret, written in an
 * alphabet without look-alikes (no 0/O, 1/I): the same trigger always gets the same code (a replay or a retried
 * transaction issues no second one), and no one without the secret can compute another customer's code.
 */
public final class CouponCodes {

  /** Thirty-two characters, so each carries five bits of the MAC. */
  static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  /** The shortest secret the engine starts with. */
  public static final int MIN_SECRET_LENGTH = 16;

  private CouponCodes() {}

  /** {@code prefix-XXXXXXXX} ({@code length} characters after the prefix; no dash without a prefix). */
  public static String code(String secret, String prefix, int length, String shopId, String triggerId) {
    byte[] mac = mac(secret, shopId + ":" + triggerId);
    StringBuilder code = new StringBuilder(prefix.isEmpty() ? "" : prefix + "-");
    for (int i = 0; i < length; i++) {
      int bit = i * 5;
      int twoBytes = ((mac[bit / 8] & 0xff) << 8) | (mac[bit / 8 + 1] & 0xff);
      code.append(ALPHABET.charAt((twoBytes >>> (11 - bit % 8)) & 31));
    }
    return code.toString();
  }

  /** Refuses to start with a secret too short to keep codes unguessable (the message never shows it). */
  public static void requireStrong(String secret) {
    if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalStateException("upsell.engine.coupon-secret (env UPSELL_ENGINE_COUPON_SECRET) must have at least "
          + MIN_SECRET_LENGTH + " characters");
    }
  }

  private static byte[] mac(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
