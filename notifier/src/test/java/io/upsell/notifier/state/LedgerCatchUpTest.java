package io.upsell.notifier.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.notify.SendClaim;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.testkit.TestBroker;
import io.upsell.testkit.TopicRecords;
import io.upsell.testkit.WithKafka;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** A task taking over a partition learns the claims and outcomes its stores missed, from the real broker. */
@WithKafka
class LedgerCatchUpTest {

  private static final EventSerdes SERDES = EventSerdes.singleObject();
  private static final String SHOP = "shop-a";

  @Test
  void aClaimAcknowledgedBeforeACrashIsFoundByTheNextOwnerAndAnOutcomeClosesIt(TestBroker broker,
      TopicRecords records) {
    // Given a claim for one trigger and a claim plus outcome for another, written after the stores' last commit
    String customer = "c-" + UUID.randomUUID();
    String key = Keys.customer(SHOP, customer);
    int partition = Topics.UPSELL_TRIGGERS.partitionOf(key);
    String inFlight = "t-" + UUID.randomUUID();
    String finished = "t-" + UUID.randomUUID();
    records.send(Topics.NOTIFY_LEDGER, key, claim(customer, inFlight), System.currentTimeMillis());
    records.send(Topics.NOTIFY_LEDGER, key, claim(customer, finished), System.currentTimeMillis());
    records.send(Topics.NOTIFY_DELIVERIES, key, sent(customer, finished), System.currentTimeMillis());
    var context = new MockProcessorContext<Void, Void>();
    KeyValueStore<String, SendClaim> claims = store(context, "claims", SERDES.valueSerde(Topics.NOTIFY_LEDGER));
    KeyValueStore<String, Delivery> outcomes = store(context, "outcomes", SERDES.valueSerde(Topics.NOTIFY_DELIVERIES));
    KeyValueStore<String, Long> positions = store(context, "positions", Serdes.Long());

    // When the new owner of the partition catches up
    catchUp(broker).run(partition, claims, outcomes, positions);

    // Then the in-flight trigger is claimed (never resent) and the finished one is done
    assertThat(claims.get(StoreNames.ledgerKey(inFlight, DeliveryChannel.EMAIL))).isNotNull();
    assertThat(outcomes.get(StoreNames.ledgerKey(inFlight, DeliveryChannel.EMAIL))).isNull();
    assertThat(outcomes.get(StoreNames.ledgerKey(finished, DeliveryChannel.EMAIL)).getStatus())
        .isEqualTo(DeliveryStatus.SENT);
    // And it remembers how far it read, so the next catch-up reads only what came after
    assertThat(positions.get(Topics.NOTIFY_LEDGER.name())).isNotNull();
    assertThat(positions.get(Topics.NOTIFY_DELIVERIES.name())).isNotNull();
  }

  @Test
  void aNewOwnerWithoutAPositionReadsTheLedgerOnlyAsFarBackAsItsRetention(TestBroker broker, TopicRecords records) {
    // Given a claim written 40 days ago and one written now, and stores that never recorded a position
    String customer = "c-" + UUID.randomUUID();
    String key = Keys.customer(SHOP, customer);
    int partition = Topics.UPSELL_TRIGGERS.partitionOf(key);
    String old = "t-" + UUID.randomUUID();
    String recent = "t-" + UUID.randomUUID();
    records.send(Topics.NOTIFY_LEDGER, key, claim(customer, old), Instant.now().minus(Duration.ofDays(40)).toEpochMilli());
    records.send(Topics.NOTIFY_LEDGER, key, claim(customer, recent), System.currentTimeMillis());
    var context = new MockProcessorContext<Void, Void>();
    KeyValueStore<String, SendClaim> claims = store(context, "claims", SERDES.valueSerde(Topics.NOTIFY_LEDGER));

    // When it catches up with a 30-day retention
    catchUp(broker).run(partition, claims, store(context, "outcomes", SERDES.valueSerde(Topics.NOTIFY_DELIVERIES)),
        store(context, "positions", Serdes.Long()));

    // Then it learned the recent claim (so it could see the partition's records) and skipped the old one
    assertThat(claims.get(StoreNames.ledgerKey(recent, DeliveryChannel.EMAIL))).isNotNull();
    assertThat(claims.get(StoreNames.ledgerKey(old, DeliveryChannel.EMAIL))).isNull();
  }

  private static LedgerCatchUp catchUp(TestBroker broker) {
    return new LedgerCatchUp(broker.bootstrapServers(), SERDES, Duration.ofDays(30), Clock.systemUTC());
  }

  private static <V> KeyValueStore<String, V> store(MockProcessorContext<Void, Void> context, String name,
      Serde<V> values) {
    KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(),
        values).withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    return store;
  }

  private static SendClaim claim(String customer, String triggerId) {
    return new SendClaim(SHOP, customer, triggerId, DeliveryRef.idOf(triggerId, DeliveryChannel.EMAIL),
        DeliveryChannel.EMAIL, Instant.now());
  }

  private static Delivery sent(String customer, String triggerId) {
    return new Delivery(SHOP, customer, DeliveryRef.idOf(triggerId, DeliveryChannel.EMAIL), triggerId,
        TriggerType.CART_ABANDONED, "A", DeliveryChannel.EMAIL, DeliveryStatus.SENT, null, Instant.now());
  }
}
