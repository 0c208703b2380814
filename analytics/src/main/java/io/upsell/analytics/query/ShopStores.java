package io.upsell.analytics.query;

import io.upsell.analytics.kpi.Counters;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The stores kept per shop (the coupons and their counters: every key of a shop in the partition of its id) are read
 * on the one instance whose task owns that partition, as Kafka Streams names it for the shop's id: here when the
 * partition is active here, else by asking that owner. Never every instance.
 */
public final class ShopStores {

  private final KafkaStreams streams;
  private final StoreRanges ranges;
  private final RemoteRanges remote;

  public ShopStores(KafkaStreams streams, StoreRanges ranges, RemoteRanges remote) {
    this.streams = streams;
    this.ranges = ranges;
    this.remote = remote;
  }

  /** Where a shop's partition of a shop-keyed store is active. */
  public record Owner(int partition, HostInfo host) {}

  /** The owner of the shop's partition; {@link StoreRanges.NotReady} while none has it. */
  public Owner owner(String store, String shopId) {
    if (streams.state() != KafkaStreams.State.RUNNING) {
      throw new StoreRanges.NotReady("state " + streams.state());
    }
    KeyQueryMetadata metadata = streams.queryMetadataForKey(store, shopId, Serdes.String().serializer());
    if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
      throw new StoreRanges.NotReady("no instance owns the partition of shop " + shopId + " in " + store);
    }
    return new Owner(metadata.partition(), metadata.activeHost());
  }

  /** The shop's partition of {@code store} when its task is active here (restored and running), else empty. */
  public <V> Optional<ReadOnlyKeyValueStore<String, V>> local(String store, int partition) {
    try {
      return Optional.of(streams.store(StoreQueryParameters
          .fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore()).withPartition(partition)));
    } catch (InvalidStateStoreException e) {
      return Optional.empty();
    }
  }

  /** Counters of a shop-keyed store with keys in [from, to], read from the shop's owner. */
  public SortedMap<String, long[]> counters(String store, String shopId, String from, String to,
      String authorization) {
    return ranges.retrying(() -> {
      Owner owner = owner(store, shopId);
      Optional<ReadOnlyKeyValueStore<String, long[]>> here = local(store, owner.partition());
      return here.isPresent() ? scan(here.get(), from, to)
          : remote.range(owner.host(), store, Set.of(owner.partition()), from, to, authorization);
    });
  }

  /** For another instance: counters of the given partitions, each of which must be active here. */
  public SortedMap<String, long[]> localCounters(String store, Set<Integer> partitions, String from, String to) {
    SortedMap<String, long[]> result = new TreeMap<>();
    for (int partition : partitions) {
      ReadOnlyKeyValueStore<String, long[]> kv = this.<long[]>local(store, partition).orElseThrow(() ->
          new StoreRanges.NotReady("partition " + partition + " of " + store + " is not active on this instance"));
      scan(kv, from, to).forEach((key, values) -> result.merge(key, values, Counters::plus));
    }
    return result;
  }

  private static SortedMap<String, long[]> scan(ReadOnlyKeyValueStore<String, long[]> kv, String from, String to) {
    SortedMap<String, long[]> result = new TreeMap<>();
    try (KeyValueIterator<String, long[]> it = kv.range(from, to)) {
      it.forEachRemaining(entry -> result.put(entry.key, entry.value));
    }
    return result;
  }
}
