package io.upsell.notifier.inapp;

import io.quarkus.runtime.Startup;
import io.upsell.notifier.kafka.Outbox;
import io.upsell.notifier.kafka.TopicReader;
import io.upsell.schemas.notify.InAppMessage;
import io.upsell.schemas.notify.InAppStatus;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every customer's in-app messages, rebuilt from notify.inapp at start-up: the latest snapshot of each message wins.
 * A customer's snapshots share one partition (key shopId:customerId), so their offsets only grow: the offset is the
 * SSE event id, and a client resuming with Last-Event-ID gets exactly the snapshots after it. Snapshots this
 * instance writes are applied on the broker's ack; the read back then finds them known and pushes nothing twice.
 */
@Startup
@ApplicationScoped
public class Inbox {

  /** A message snapshot and where it sits in the customer's partition. */
  public record Entry(InAppMessage message, long offset) {}

  private final Map<String, Map<String, Entry>> inboxes = new ConcurrentHashMap<>();
  private final Outbox outbox;
  private final SseHub hub;
  private final TopicReader<InAppMessage> reader;

  public Inbox(@ConfigProperty(name = "kafka.bootstrap.servers") String servers, EventSerdes serdes, Outbox outbox,
      SseHub hub) {
    this.outbox = outbox;
    this.hub = hub;
    this.reader = new TopicReader<>(servers, serdes, Topics.NOTIFY_INAPP,
        r -> apply(r.key(), new Entry(r.value(), r.offset()))).start();
  }

  /** Publishes a snapshot; it reaches the inbox and live clients when it comes back through the topic. */
  public CompletableFuture<Void> publish(InAppMessage message) {
    String key = Keys.customer(message.getShopId(), message.getCustomerId());
    // Applied on the broker's ack already, so this instance's streams do not wait for the read back.
    return outbox.publish(Topics.NOTIFY_INAPP, key, message)
        .thenAccept(m -> apply(key, new Entry(message, m.offset())));
  }

  /** Keeps the newest snapshot of a message and pushes it to live streams, once, whichever path brings it first. */
  private void apply(String customerKey, Entry entry) {
    Map<String, Entry> inbox = inboxes.computeIfAbsent(customerKey, k -> new LinkedHashMap<>());
    synchronized (inbox) {
      Entry known = inbox.get(entry.message().getMessageId());
      if (known != null && known.offset() >= entry.offset()) {
        return;
      }
      inbox.put(entry.message().getMessageId(), entry);
    }
    hub.push(customerKey, entry);
  }

  /** Unread messages, oldest first. */
  public List<InAppMessage> unread(String customerKey) {
    return entries(customerKey).stream().map(Entry::message).filter(m -> m.getStatus() == InAppStatus.UNREAD)
        .sorted(Comparator.comparing(InAppMessage::getCreatedAt)).toList();
  }

  /** Latest snapshots written after {@code offset}, in order: what a resuming SSE client missed. */
  public List<Entry> after(String customerKey, long offset) {
    return entries(customerKey).stream().filter(e -> e.offset() > offset)
        .sorted(Comparator.comparingLong(Entry::offset)).toList();
  }

  public Optional<InAppMessage> find(String customerKey, String messageId) {
    Map<String, Entry> inbox = inboxes.get(customerKey);
    if (inbox == null) {
      return Optional.empty();
    }
    synchronized (inbox) {
      return Optional.ofNullable(inbox.get(messageId)).map(Entry::message);
    }
  }

  /** Unread messages whose email fallback is due. */
  public List<InAppMessage> dueFallbacks(Instant now) {
    List<InAppMessage> due = new ArrayList<>();
    for (String key : inboxes.keySet()) {
      for (Entry e : entries(key)) {
        InAppMessage m = e.message();
        if (m.getStatus() == InAppStatus.UNREAD && m.getEmailFallbackAt() != null && !m.getEmailFallbackDone()
            && !m.getEmailFallbackAt().isAfter(now)) {
          due.add(m);
        }
      }
    }
    return due;
  }

  public void awaitLoaded(Duration timeout) {
    reader.awaitCaughtUp(timeout);
  }

  private List<Entry> entries(String customerKey) {
    Map<String, Entry> inbox = inboxes.get(customerKey);
    if (inbox == null) {
      return List.of();
    }
    synchronized (inbox) {
      return List.copyOf(inbox.values());
    }
  }

  @PreDestroy
  void close() {
    reader.close();
  }
}
