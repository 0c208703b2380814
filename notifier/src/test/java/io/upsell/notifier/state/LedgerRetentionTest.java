package io.upsell.notifier.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.notify.SendClaim;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The send ledger is bounded by its retention, and what it may have forgotten is never handled. */
class LedgerRetentionTest {

  private static final EventSerdes SERDES = EventSerdes.singleObject();
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private final LedgerRetention retention = new LedgerRetention(Duration.ofDays(30));
  private final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
  private final KeyValueStore<String, SendClaim> claims = store("claims", SERDES.valueSerde(Topics.NOTIFY_LEDGER));
  private final KeyValueStore<String, Delivery> outcomes =
      store("outcomes", SERDES.valueSerde(Topics.NOTIFY_DELIVERIES));

  @Test
  void removesClaimsAndOutcomesOlderThanTheRetentionAndKeepsTheRest() {
    put("t-old", NOW.minus(Duration.ofDays(31)));
    put("t-recent", NOW.minus(Duration.ofDays(29)));

    int removed = retention.removeExpired(claims, outcomes, NOW);

    assertThat(removed).isEqualTo(2);
    assertThat(claims.get(key("t-old"))).isNull();
    assertThat(outcomes.get(key("t-old"))).isNull();
    assertThat(claims.get(key("t-recent"))).isNotNull();
    assertThat(outcomes.get(key("t-recent"))).isNotNull();
  }

  @Test
  void aTriggerFiredBeforeTheRetentionIsNotHandled() {
    assertThat(retention.isStale(firedAt(NOW.minus(Duration.ofDays(31))), NOW)).isTrue();
    assertThat(retention.isStale(firedAt(NOW.minus(Duration.ofDays(29))), NOW)).isFalse();
  }

  private void put(String triggerId, Instant at) {
    String deliveryId = DeliveryRef.idOf(triggerId, DeliveryChannel.EMAIL);
    claims.put(key(triggerId), new SendClaim("shop-a", "c1", triggerId, deliveryId, DeliveryChannel.EMAIL, at));
    outcomes.put(key(triggerId), new Delivery("shop-a", "c1", deliveryId, triggerId, TriggerType.CART_ABANDONED, "A",
        DeliveryChannel.EMAIL, DeliveryStatus.SENT, null, at));
  }

  private static String key(String triggerId) {
    return StoreNames.ledgerKey(triggerId, DeliveryChannel.EMAIL);
  }

  private static UpsellTrigger firedAt(Instant at) {
    UpsellTrigger trigger = new UpsellTrigger();
    trigger.setTriggerId("t-1");
    trigger.setFiredAt(at);
    return trigger;
  }

  private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
    KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(),
        values).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    return store;
  }
}
