package io.upsell.notifier.state;

import io.upsell.notifier.NotifierConfig;
import io.upsell.notifier.delivery.TriggerHandler;
import io.upsell.notifier.delivery.EmailFallbacks;
import io.upsell.notifier.kafka.Outbox;
import io.upsell.notifier.report.ReportMailer;
import io.upsell.schemas.notify.InboxEntry;
import io.upsell.schemas.notify.SendRetry;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The notifier's Kafka Streams application. Per customer, co-partitioned with upsell.triggers (key
 * shopId:customerId): profiles, hard stops, the send ledger, the retry schedule and the in-app inbox, in RocksDB stores with changelogs, read by the task
 * that handles the customer's triggers. Shop-wide: rules, catalog, templates and brands as global tables. KPI reports on their own.
 */
@ApplicationScoped
public class NotifierTopology {

  private final EventSerdes serdes;

  public NotifierTopology(EventSerdes serdes) {
    this.serdes = serdes;
  }

  // Not normal-scoped: KafkaStreams reads the topology's fields directly, which a client proxy would leave empty.
  @Produces
  @Singleton
  Topology topology(TriggerHandler handler, EmailFallbacks fallbacks, ReportMailer reports, Outbox outbox,
      Clock clock, NotifierConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String servers) {
    StreamsBuilder builder = new StreamsBuilder();
    global(builder, Topics.UPSELL_RULES, StoreNames.RULES);
    global(builder, Topics.CATALOG_PRODUCTS, StoreNames.CATALOG);
    global(builder, Topics.NOTIFY_TEMPLATES, StoreNames.TEMPLATES);
    global(builder, Topics.NOTIFY_BRANDS, StoreNames.BRANDS);

    addStore(builder, StoreNames.PROFILES, serdes.valueSerde(Topics.CRM_CUSTOMERS));
    addStore(builder, StoreNames.HARD_STOPS, serdes.valueSerde(Topics.ENGAGEMENT_EVENTS));
    addStore(builder, StoreNames.CLAIMS, serdes.valueSerde(Topics.NOTIFY_LEDGER));
    addStore(builder, StoreNames.OUTCOMES, serdes.valueSerde(Topics.NOTIFY_DELIVERIES));
    addStore(builder, StoreNames.LEDGER_POSITIONS, Serdes.Long());
    addStore(builder, StoreNames.REPORTS, serdes.valueSerde(Topics.NOTIFY_LEDGER));
    addStore(builder, StoreNames.INBOX, serdes.valueSerde(InboxEntry.class));
    addStore(builder, StoreNames.FALLBACK_TIMERS, Serdes.String());
    addStore(builder, StoreNames.RETRIES, serdes.valueSerde(SendRetry.class));
    addStore(builder, StoreNames.RETRY_TIMERS, Serdes.String());

    stream(builder, Topics.CRM_CUSTOMERS).process(() -> new LatestValue<>(StoreNames.PROFILES), StoreNames.PROFILES);
    stream(builder, Topics.ENGAGEMENT_EVENTS).process(HardStops::new, StoreNames.HARD_STOPS);
    stream(builder, Topics.NOTIFY_INAPP).process(() -> new InboxWriter(config.inapp().maxMessages(),
        config.inapp().maxAge()), StoreNames.INBOX, StoreNames.FALLBACK_TIMERS);
    var catchUp = new LedgerCatchUp(servers, serdes, config.ledger().retention(), clock);
    var retention = new LedgerRetention(config.ledger().retention());
    stream(builder, Topics.UPSELL_TRIGGERS).process(() -> new TriggerProcessor(handler, fallbacks, catchUp, retention,
            outbox, clock, config.inapp().fallbackScanEvery(), config.retry().scanEvery()),
        StoreNames.PROFILES, StoreNames.HARD_STOPS, StoreNames.CLAIMS, StoreNames.OUTCOMES,
        StoreNames.LEDGER_POSITIONS, StoreNames.INBOX, StoreNames.FALLBACK_TIMERS, StoreNames.RETRIES,
        StoreNames.RETRY_TIMERS);
    stream(builder, Topics.ANALYTICS_REPORTS).process(() -> new ReportProcessor(reports, clock), StoreNames.REPORTS);
    return builder.build();
  }

  private <V extends SpecificRecord> org.apache.kafka.streams.kstream.KStream<String, V> stream(
      StreamsBuilder builder, Topic<V> topic) {
    return builder.stream(topic.name(), Consumed.with(serdes.keySerde(), serdes.valueSerde(topic)));
  }

  private <V extends SpecificRecord> void global(StreamsBuilder builder, Topic<V> topic, String store) {
    builder.globalTable(topic.name(), Consumed.with(serdes.keySerde(), serdes.valueSerde(topic)),
        Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(store)
            .withKeySerde(serdes.keySerde()).withValueSerde(serdes.valueSerde(topic)));
  }

  /** Persistent and changelogged, uncached: each entry is written once or twice and read by its own task. */
  private static <V> void addStore(StreamsBuilder builder, String name, Serde<V> values) {
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values));
  }
}
