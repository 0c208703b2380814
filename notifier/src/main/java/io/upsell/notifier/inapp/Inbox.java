package io.upsell.notifier.inapp;

import io.upsell.notifier.NotifierConfig;
import io.upsell.notifier.kafka.Outbox;
import io.upsell.notifier.state.InboxKeys;
import io.upsell.notifier.state.StoreNames;
import io.upsell.schemas.notify.InAppMessage;
import io.upsell.schemas.notify.InAppStatus;
import io.upsell.schemas.notify.InboxEntry;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Customers' in-app messages, from the partitioned inbox store of this instance's active tasks (a customer whose
 * partition is elsewhere is read through {@link InboxRoute}): the latest snapshot of each
 * message, at most {@code notifier.inapp.max-messages} per customer and none older than {@code max-age}. A
 * customer's snapshots share one partition (key shopId:customerId), so their offsets only grow: the offset is the
 * SSE event id, and a client resuming with Last-Event-ID gets exactly the snapshots after it.
 */
@ApplicationScoped
public class Inbox {

  private static final Duration APPLY_WAIT = Duration.ofSeconds(5);

  /** A message snapshot and where it sits in the customer's partition. */
  public record Entry(InAppMessage message, long offset) {}

  private final Outbox outbox;
  private final Instance<KafkaStreams> streams;
  private final Duration maxAge;
  private final Clock clock;

  public Inbox(Outbox outbox, Instance<KafkaStreams> streams, NotifierConfig config, Clock clock) {
    this.outbox = outbox;
    this.streams = streams;
    this.maxAge = config.inapp().maxAge();
    this.clock = clock;
  }

  /** Publishes a snapshot; it reaches the owner's inbox and every instance's live streams through the topic. */
  public CompletableFuture<Void> publish(InAppMessage message) {
    return outbox.publish(Topics.NOTIFY_INAPP, Keys.customer(message.getShopId(), message.getCustomerId()), message)
        .thenApply(m -> null);
  }

  /**
   * Publishes a snapshot and waits (bounded) until the inbox here, which owns the customer's {@code partition},
   * holds it, so a read that follows on any instance sees it.
   */
  public void publishAndAwait(InAppMessage message, int partition) throws Exception {
    publish(message).get(30, java.util.concurrent.TimeUnit.SECONDS);
    String key = Keys.customer(message.getShopId(), message.getCustomerId());
    long deadline = System.nanoTime() + APPLY_WAIT.toNanos();
    while (!find(key, message.getMessageId(), partition).map(message::equals).orElse(false)
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  /** Unread messages, oldest first. */
  public List<InAppMessage> unread(String customerKey, int partition) {
    return entries(customerKey, partition).stream().map(Entry::message)
        .filter(m -> m.getStatus() == InAppStatus.UNREAD)
        .sorted(Comparator.comparing(InAppMessage::getCreatedAt)).toList();
  }

  /** Latest snapshots written after {@code offset}, in order: what a resuming SSE client missed. */
  public List<Entry> after(String customerKey, long offset, int partition) {
    return entries(customerKey, partition).stream().filter(e -> e.offset() > offset)
        .sorted(Comparator.comparingLong(Entry::offset)).toList();
  }

  public Optional<InAppMessage> find(String customerKey, String messageId, int partition) {
    try {
      return Optional.ofNullable(store(partition).get(InboxKeys.entry(customerKey, messageId)))
          .filter(this::current).map(InboxEntry::getMessage);
    } catch (InvalidStateStoreException e) {
      throw InboxOwner.unavailable();
    }
  }

  private List<Entry> entries(String customerKey, int partition) {
    List<Entry> entries = new ArrayList<>();
    try (var found = store(partition).prefixScan(InboxKeys.prefix(customerKey), new StringSerializer())) {
      found.forEachRemaining(kv -> {
        if (current(kv.value)) {
          entries.add(new Entry(kv.value.getMessage(), kv.value.getOffset()));
        }
      });
    } catch (InvalidStateStoreException e) {
      // The partition left this instance between the owner lookup and the read: never answer an empty inbox.
      throw InboxOwner.unavailable();
    }
    return entries;
  }

  /** Entries past the age bound may wait for the customer's next message to be dropped; they are never shown. */
  private boolean current(InboxEntry entry) {
    return !entry.getMessage().getCreatedAt().isBefore(clock.instant().minus(maxAge));
  }

  /** The active store of one partition; 503 when it is not active here (any more). */
  private ReadOnlyKeyValueStore<String, InboxEntry> store(int partition) {
    try {
      return streams.get().store(StoreQueryParameters.fromNameAndType(StoreNames.INBOX,
          QueryableStoreTypes.<String, InboxEntry>keyValueStore()).withPartition(partition));
    } catch (InvalidStateStoreException e) {
      throw InboxOwner.unavailable();
    }
  }
}
