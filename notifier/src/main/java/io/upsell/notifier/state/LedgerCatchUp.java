package io.upsell.notifier.state;

import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.SendClaim;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Before a task handles a trigger, its ledger learns every claim and outcome written to its partition of
 * notify.ledger and notify.deliveries since the stores' last recorded position. Those writes are acknowledged before
 * (claims) or as (outcomes) anything is sent, while the stores reach their changelog only at the next commit: so after a
 * crash the restored stores may lack the last claims, and this read is what keeps a redelivered trigger from being
 * sent twice. It reads only what came after the position (in steady state, nothing), never the whole topic: without
 * a position (a new application, or stores lost with their changelogs) it starts at the ledger's retention, since
 * nothing older is kept or handled.
 */
final class LedgerCatchUp {

  private static final Duration POLL = Duration.ofMillis(200);

  private final String servers;
  private final EventSerdes serdes;
  private final Duration retention;
  private final Clock clock;

  LedgerCatchUp(String servers, EventSerdes serdes, Duration retention, Clock clock) {
    this.servers = servers;
    this.serdes = serdes;
    this.retention = retention;
    this.clock = clock;
  }

  /**
   * Reads {@code partition} of both ledger topics to their current end into the stores; returns the ledger keys of
   * the claims it read (tries that started after the stores' last commit).
   */
  Set<String> run(int partition, KeyValueStore<String, SendClaim> claims, KeyValueStore<String, Delivery> outcomes,
      KeyValueStore<String, Long> positions) {
    Set<String> claimed = new HashSet<>();
    read(Topics.NOTIFY_LEDGER, partition, positions, claim -> {
      String key = StoreNames.ledgerKey(claim.getTriggerId(), claim.getChannel());
      claimed.add(key);
      if (claims.get(key) == null) {
        claims.put(key, claim);
      }
    });
    read(Topics.NOTIFY_DELIVERIES, partition, positions,
        outcome -> outcomes.put(StoreNames.ledgerKey(outcome.getTriggerId(), outcome.getChannel()), outcome));
    return claimed;
  }

  private <V extends SpecificRecord> void read(Topic<V> topic, int partition, KeyValueStore<String, Long> positions,
      Consumer<V> sink) {
    var tp = new TopicPartition(topic.name(), partition);
    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (var consumer = new KafkaConsumer<>(config, serdes.keySerde().deserializer(),
        serdes.valueSerde(topic).deserializer())) {
      consumer.assign(List.of(tp));
      Long known = positions.get(topic.name());
      if (known == null) {
        long from = clock.millis() - retention.toMillis();
        OffsetAndTimestamp first = consumer.offsetsForTimes(Map.of(tp, from)).get(tp);
        if (first == null) {
          consumer.seekToEnd(List.of(tp));
        } else {
          consumer.seek(tp, first.offset());
        }
      } else {
        consumer.seek(tp, known + 1);
      }
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      long last = known == null ? -1 : known;
      while (consumer.position(tp) < end) {
        for (ConsumerRecord<String, V> record : consumer.poll(POLL)) {
          if (record.value() != null) {
            sink.accept(record.value());
          }
          last = record.offset();
        }
      }
      if (last >= 0) {
        positions.put(topic.name(), last);
      }
    }
  }
}
