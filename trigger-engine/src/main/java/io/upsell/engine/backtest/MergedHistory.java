package io.upsell.engine.backtest;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The records of some topics from a time on, up to the end offsets they had when it was opened, merged into one
 * stream: a k-way merge over the partitions, each read ahead by at most {@value #WINDOW} records, so memory does not
 * grow with the range. It always hands out the smallest of the partitions' next records by (timestamp, topic,
 * partition, offset), and waits for every unfinished partition to have a next record before it chooses, so the order
 * depends on the stored records alone, never on fetch timing. Within a partition the order is the log's: a record
 * stored after a newer one comes after it, as Kafka Streams would read it too.
 */
final class MergedHistory implements AutoCloseable {

  /** Orders the partitions' next records: time first; topic, partition and offset only break ties. */
  static final Comparator<ConsumerRecord<byte[], byte[]>> TIME_ORDER =
      Comparator.<ConsumerRecord<byte[], byte[]>>comparingLong(ConsumerRecord::timestamp)
          .thenComparing(ConsumerRecord::topic).thenComparingInt(ConsumerRecord::partition)
          .thenComparingLong(ConsumerRecord::offset);

  /** Records read ahead per partition, at most (one poll's worth). */
  static final int WINDOW = 200;
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Predicate<ConsumerRecord<byte[], byte[]>> keep;
  private final Map<TopicPartition, Long> end = new HashMap<>();
  private final Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> ahead = new HashMap<>();
  private final PriorityQueue<ConsumerRecord<byte[], byte[]>> heads = new PriorityQueue<>(TIME_ORDER);
  private final long total;
  private long read;

  /**
   * {@code keep}: which records are handed out (the others are read past); {@code settings}: the consumer's own
   * (bootstrap servers, fetch bounds). No consumer group: nothing is left on the broker.
   */
  MergedHistory(Map<String, Object> settings, Collection<String> topics, long fromMillis,
      Predicate<ConsumerRecord<byte[], byte[]>> keep) {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, WINDOW);
    // What the live engine reads (exactly once): committed records only.
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.keep = keep;
    List<TopicPartition> partitions = new ArrayList<>();
    topics.forEach(topic -> consumer.partitionsFor(topic)
        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
    consumer.assign(partitions);
    end.putAll(consumer.endOffsets(partitions));
    Map<TopicPartition, Long> at = new HashMap<>();
    partitions.forEach(tp -> at.put(tp, fromMillis));
    long count = 0;
    Set<TopicPartition> open = new HashSet<>();
    for (Map.Entry<TopicPartition, OffsetAndTimestamp> first : consumer.offsetsForTimes(at).entrySet()) {
      TopicPartition tp = first.getKey();
      // Every record before the first at or after fromMillis is older than it: none is needed.
      long start = first.getValue() == null ? end.get(tp) : first.getValue().offset();
      consumer.seek(tp, start);
      ahead.put(tp, new ArrayDeque<>());
      count += Math.max(0, end.get(tp) - start);
      if (start < end.get(tp)) {
        open.add(tp);
      }
    }
    this.total = count;
    fill(open);
    ahead.values().stream().filter(queue -> !queue.isEmpty()).forEach(queue -> heads.add(queue.peek()));
  }

  /** The number of records between the start and the end offsets: all will be read, whatever {@code keep} says. */
  long total() {
    return total;
  }

  /** Records read so far (kept or not). */
  long read() {
    return read;
  }

  /** The next record in merge order, or null at the end. */
  ConsumerRecord<byte[], byte[]> next() {
    ConsumerRecord<byte[], byte[]> head = heads.poll();
    if (head == null) {
      return null;
    }
    TopicPartition tp = new TopicPartition(head.topic(), head.partition());
    ArrayDeque<ConsumerRecord<byte[], byte[]>> queue = ahead.get(tp);
    queue.poll();
    if (queue.isEmpty() && consumer.position(tp) < end.get(tp)) {
      fill(Set.of(tp));
    }
    if (!queue.isEmpty()) {
      heads.add(queue.peek());
    }
    return head;
  }

  // Reads the given partitions (only those) until each has a next record kept or is read to its end.
  private void fill(Set<TopicPartition> partitions) {
    Set<TopicPartition> waiting = new HashSet<>(partitions);
    consumer.pause(consumer.assignment());
    consumer.resume(waiting);
    while (!waiting.isEmpty()) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        if (r.offset() < end.get(tp)) {
          read++;
          if (keep.test(r)) {
            ahead.get(tp).add(r);
          }
        }
      }
      for (TopicPartition tp : List.copyOf(waiting)) {
        if (!ahead.get(tp).isEmpty() || consumer.position(tp) >= end.get(tp)) {
          waiting.remove(tp);
          consumer.pause(List.of(tp));
        }
      }
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
