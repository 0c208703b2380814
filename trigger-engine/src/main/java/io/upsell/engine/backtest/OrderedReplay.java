package io.upsell.engine.backtest;

import io.upsell.engine.policy.Decider;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Feeds one time-ordered history through the engine's own topology (same processors, same RocksDB stores) on Kafka
 * Streams' single-threaded driver: each record is processed to the end, repartition hops included, before the next
 * is read, so the outcome depends on the records alone. Kafka Streams proper interleaves partitions, topics and the
 * tasks behind a repartition as data arrives (max.task.idle.ms orders only the partitions of one task).
 */
final class OrderedReplay implements AutoCloseable {

  // A key of no shop: the scope filter drops the record once it has moved stream time on.
  private static final byte[] CLOCK_KEY = "\u0000replay-clock".getBytes(StandardCharsets.UTF_8);
  private static final int DRAIN_EVERY = 5_000;

  private final TopologyTestDriver driver;
  private final String clockTopic;
  private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
  private long streamTime = Long.MIN_VALUE;
  private long fed;

  /** {@code clockTopic}: a raw input of the topology, which carries the ticks that move stream time. */
  OrderedReplay(Topology topology, Properties streamsConfig, String clockTopic) {
    this.driver = new TopologyTestDriver(topology, streamsConfig);
    this.clockTopic = clockTopic;
  }

  /** A record of a global table (rules, catalog): read before any event, as the engine reads them on start. */
  void global(ConsumerRecord<byte[], byte[]> record) {
    pipe(record.topic(), record.key(), record.value(), record);
  }

  /**
   * One event; a timer due before it is judged before it is read, as the live engine would have judged it then (a
   * tick just before its time moves stream time, and the timers' punctuation with it).
   */
  void event(ConsumerRecord<byte[], byte[]> record) {
    if (record.timestamp() - 1 > streamTime) {
      tick(record.timestamp() - 1);
    }
    pipe(record.topic(), record.key(), record.value(), record);
    streamTime = Math.max(streamTime, record.timestamp());
    if (++fed % DRAIN_EVERY == 0) {
      drainOutputs();
    }
  }

  /** Moves stream time to {@code end}, judging what is due before it, and summarises the timers still pending. */
  Map<String, PendingTimers.Pending> finish(long end, ZoneId zone) {
    tick(end);
    try (var timers = driver.<String, UpsellTrigger>getKeyValueStore(Decider.TIMERS).all()) {
      return PendingTimers.of(timers, zone);
    }
  }

  private void tick(long at) {
    input(clockTopic).pipeInput(new TestRecord<>(CLOCK_KEY, null, new RecordHeaders(), at));
    streamTime = Math.max(streamTime, at);
  }

  private void pipe(String topic, byte[] key, byte[] value, ConsumerRecord<byte[], byte[]> from) {
    input(topic).pipeInput(new TestRecord<>(key, value, from.headers(), from.timestamp()));
  }

  private TestInputTopic<byte[], byte[]> input(String topic) {
    return inputs.computeIfAbsent(topic,
        t -> driver.createInputTopic(t, new ByteArraySerializer(), new ByteArraySerializer()));
  }

  // The driver keeps every record written (changelogs, repartitions) until read: dropping them bounds the memory.
  private void drainOutputs() {
    for (String topic : driver.producedTopicNames()) {
      driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
    }
  }

  @Override
  public void close() {
    driver.close();
  }
}
