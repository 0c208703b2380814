package io.upsell.analytics.query;

import io.upsell.analytics.kpi.Counters;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.analytics.stream.StateLayout;
import io.upsell.platform.http.ApiException;
import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads a key range of a counter store from every partition and sums it: partitions active here are read from the
 * local stores, the others from the instance Kafka Streams metadata names as their owner. A partition without a
 * ready owner (a rebalance) is retried a few times and then refused with 503 and Retry-After: never a partial sum.
 */
public final class StoreRanges {

  private final KafkaStreams streams;
  private final RemoteRanges remote;
  private final int attempts;
  private final int retryAfterSeconds;
  private final StateLayout layout;

  public StoreRanges(KafkaStreams streams, RemoteRanges remote, int attempts, int retryAfterSeconds) {
    this(streams, remote, attempts, retryAfterSeconds, new StateLayout());
  }

  /** With {@code layout}: a task that found state of an older layout makes every query here answer 503. */
  public StoreRanges(KafkaStreams streams, RemoteRanges remote, int attempts, int retryAfterSeconds,
      StateLayout layout) {
    this.layout = layout;
    this.streams = streams;
    this.remote = remote;
    this.attempts = Math.max(1, attempts);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Entries of {@code store} with keys in [from, to], summed over all partitions. */
  public SortedMap<String, long[]> range(String store, String from, String to, String authorization) {
    return retrying(() -> gather(store, from, to, authorization));
  }

  /** Runs {@code read}, retrying it while a store rebalances, then 503 with Retry-After: never a partial answer. */
  public <T> T retrying(java.util.function.Supplier<T> read) {
    layout.requireCurrent(retryAfterSeconds);
    for (int attempt = 1; ; attempt++) {
      try {
        return read.get();
      } catch (NotReady | InvalidStateStoreException e) {
        if (attempt >= attempts) {
          throw ApiException.unavailable("the analytics state is rebalancing (" + e.getMessage() + "); retry",
              retryAfterSeconds);
        }
        pause(attempt);
      }
    }
  }

  /** The value of {@code key} in a global store every instance holds (the shop rules). */
  public <V> V global(String store, String key) {
    for (int attempt = 1; ; attempt++) {
      try {
        ReadOnlyKeyValueStore<String, V> kv = streams.store(
            StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore()));
        return kv.get(key);
      } catch (InvalidStateStoreException e) {
        if (attempt >= attempts) {
          throw ApiException.unavailable("the analytics state is starting; retry", retryAfterSeconds);
        }
        pause(attempt);
      }
    }
  }

  /** The entries of the given partitions of {@code store} held here; {@link NotReady} if one is not active here. */
  public SortedMap<String, long[]> local(String store, Set<Integer> partitions, String from, String to) {
    layout.requireCurrent(retryAfterSeconds);
    return scan(store, localPartitions(store), partitions, from, to);
  }

  private SortedMap<String, long[]> scan(String store, Set<Integer> active, Set<Integer> partitions, String from,
      String to) {
    SortedMap<String, long[]> result = new TreeMap<>();
    for (int partition : partitions) {
      if (!active.contains(partition)) {
        throw new NotReady("partition " + partition + " of " + store + " is not active on this instance");
      }
      ReadOnlyKeyValueStore<String, long[]> kv = streams.store(StoreQueryParameters
          .fromNameAndType(store, QueryableStoreTypes.<String, long[]>keyValueStore()).withPartition(partition));
      try (KeyValueIterator<String, long[]> it = kv.range(from, to)) {
        it.forEachRemaining(entry -> result.merge(entry.key, entry.value, Counters::plus));
      }
    }
    return result;
  }

  private SortedMap<String, long[]> gather(String store, String from, String to, String authorization) {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      throw new NotReady("state " + streams.state());
    }
    Topic<?> source = sourceOf(store);
    Set<Integer> local = localPartitions(store);
    Map<HostInfo, Set<Integer>> elsewhere = new HashMap<>();
    for (int partition = 0; partition < source.partitions(); partition++) {
      if (!local.contains(partition)) {
        elsewhere.computeIfAbsent(ownerOf(store, source, partition), h -> new TreeSet<>()).add(partition);
      }
    }
    SortedMap<String, long[]> result = scan(store, local, local, from, to);
    elsewhere.forEach((host, partitions) ->
        remote.range(host, store, partitions, from, to, authorization)
            .forEach((key, values) -> result.merge(key, values, Counters::plus)));
    return result;
  }

  private Set<Integer> localPartitions(String store) {
    String topic = sourceOf(store).name();
    Set<Integer> partitions = new TreeSet<>();
    streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task ->
        task.topicPartitions().stream().filter(tp -> tp.topic().equals(topic))
            .forEach(tp -> partitions.add(tp.partition()))));
    return partitions;
  }

  private HostInfo ownerOf(String store, Topic<?> source, int partition) {
    TopicPartition wanted = new TopicPartition(source.name(), partition);
    for (StreamsMetadata metadata : streams.metadataForAllStreamsClients()) {
      if (metadata.stateStoreNames().contains(store) && metadata.topicPartitions().contains(wanted)) {
        return metadata.hostInfo();
      }
    }
    throw new NotReady("no instance owns partition " + partition + " of " + store);
  }

  /** The topic whose partitions a store's partitions follow. */
  static Topic<?> sourceOf(String store) {
    return store.equals(StoreKeys.SPEND) ? Topics.SHOP_SPEND : Topics.SHOP_ORDERS;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(100L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted", 1);
    }
  }

  /** A partition has no ready owner right now. */
  public static final class NotReady extends RuntimeException {
    public NotReady(String reason) {
      super(reason, null, false, false);
    }
  }
}
