package io.upsell.notifier.tracking;

import io.upsell.schemas.notify.DeliveryChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** One delivery of one trigger to one customer on one channel: what tracking links and engagement events name. */
public record DeliveryRef(String shopId, String customerId, String deliveryId, String triggerId,
    DeliveryChannel channel, String locale) {

  /** The delivery id of a trigger on a channel: derived from both, so stable across retries and restarts. */
  public static String idOf(String triggerId, DeliveryChannel channel) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((triggerId + "/" + channel).getBytes(StandardCharsets.UTF_8));
      return "d-" + HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
