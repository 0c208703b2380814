package io.upsell.notifier.inapp;

import io.upsell.notifier.state.StoreNames;
import io.upsell.platform.http.ApiException;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * A customer's inbox is read where Kafka Streams has its partition active: here, or on the instance the metadata
 * names (its {@code application.server}). Standbys are never read: they trail the changelog, so a read could miss
 * the action just taken or the snapshot a resuming stream needs. While no instance has the partition active (a
 * rebalance, a start), a few short retries, then 503 with Retry-After.
 */
@ApplicationScoped
public class InboxOwner {

  /** Where a customer's inbox is. */
  public sealed interface Place {}

  /** Active on this instance, in {@code partition} of the inbox store. */
  public record Here(int partition) implements Place {}

  /** Active on another instance. */
  public record Elsewhere(HostInfo host) implements Place {}

  static final int RETRY_AFTER_SECONDS = 2;
  private static final int ATTEMPTS = 5;

  private final Supplier<KafkaStreams> streams;
  private final Serializer<String> keys;

  // The producers of notify.inapp partition by the key serde's bytes; the metadata must hash the same bytes.
  @Inject
  public InboxOwner(Instance<KafkaStreams> streams, EventSerdes serdes) {
    this(streams::get, serdes.keySerde().serializer());
  }

  InboxOwner(Supplier<KafkaStreams> streams, Serializer<String> keys) {
    this.streams = streams;
    this.keys = keys;
  }

  /** Where {@code customerKey}'s inbox is active now; 503 with Retry-After while nowhere. */
  public Place of(String customerKey) {
    for (int attempt = 1; ; attempt++) {
      Place place = lookup(streams.get(), customerKey);
      if (place != null) {
        return place;
      }
      if (attempt >= ATTEMPTS) {
        throw unavailable();
      }
      pause(attempt);
    }
  }

  static ApiException unavailable() {
    return ApiException.unavailable("the customer's inbox is moving between notifier instances; retry",
        RETRY_AFTER_SECONDS);
  }

  private Place lookup(KafkaStreams client, String customerKey) {
    if (client.state() != KafkaStreams.State.RUNNING) {
      return null;
    }
    KeyQueryMetadata metadata = client.queryMetadataForKey(StoreNames.INBOX, customerKey, keys);
    if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE) || metadata.partition() < 0) {
      return null;
    }
    if (activeHere(client, metadata.partition())) {
      return new Here(metadata.partition());
    }
    HostInfo host = metadata.activeHost();
    return host == null || host.port() <= 0 ? null : new Elsewhere(host);
  }

  private static boolean activeHere(KafkaStreams client, int partition) {
    return client.metadataForLocalThreads().stream()
        .flatMap(thread -> thread.activeTasks().stream())
        .flatMap(task -> task.topicPartitions().stream())
        .anyMatch(tp -> tp.partition() == partition && tp.topic().equals(Topics.NOTIFY_INAPP.name()));
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(100L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable();
    }
  }
}
