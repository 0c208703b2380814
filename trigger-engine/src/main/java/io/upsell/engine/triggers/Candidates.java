package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.OfferItem;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Builds candidate triggers. The trigger id is derived from type, step, customer and source events, so a
 * redelivered or replayed event yields the same id and the decider can drop the repeat.
 */
public final class Candidates {

  private Candidates() {}

  /** A candidate for the customer of {@code key}, detected at {@code atMillis}, due at {@code dueMillis}. */
  public static Record<String, UpsellTrigger> candidate(TriggerType type, int step, String key, String reason,
      Offer offer, List<String> sourceEventIds, long atMillis, long dueMillis, ShopSettings settings) {
    String shopId = Keys.shopOf(key);
    String identity = type + "|" + step + "|" + key + "|" + String.join(",", sourceEventIds);
    UpsellTrigger trigger = UpsellTrigger.newBuilder()
        .setShopId(shopId)
        .setCustomerId(Keys.entityOf(key))
        .setTriggerId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString())
        .setType(type)
        .setStep(step)
        .setReason(reason)
        .setOffer(offer)
        .setChannelHint(ChannelHint.valueOf(settings.setting(type, "channel", "ANY")))
        .setSourceEventIds(List.copyOf(sourceEventIds))
        .setFiredAt(Instant.ofEpochMilli(dueMillis))
        .setDueAt(Instant.ofEpochMilli(dueMillis))
        .build();
    return new Record<>(key, trigger, atMillis);
  }

  /**
   * An offer of products: {@code items} in the order shown, {@code productIds} the same ids; money in
   * {@code currency}; the button leads to {@code url}.
   */
  public static Offer products(List<OfferItem> items, String currency, String url) {
    return Offer.newBuilder().setProductIds(items.stream().map(OfferItem::getProductId).toList())
        .setItems(List.copyOf(items)).setCurrency(currency).setUrl(url).build();
  }

  /** The first of {@code urls} that is set: the event's own link before the shop's page. */
  public static String firstUrl(String... urls) {
    for (String url : urls) {
      if (url != null && !url.isBlank()) {
        return url;
      }
    }
    return null;
  }

  /** An offer of a plan or course. */
  public static Offer plan(String plan, String courseId) {
    return Offer.newBuilder().setPlan(plan).setCourseId(courseId).build();
  }
}
