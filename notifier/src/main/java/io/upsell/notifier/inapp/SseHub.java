package io.upsell.notifier.inapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.upsell.notifier.inapp.Inbox.Entry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open SSE streams, by customer. A new message snapshot goes to every stream of its customer as event
 * {@code message} (unread) or {@code update} (read, dismissed, ...), with the snapshot's offset as event id.
 * It also remembers when each customer last had a live session, which decides the email fallback.
 */
@ApplicationScoped
public class SseHub {

  private record Client(SseEventSink sink, Sse sse) {}

  private final Map<String, Set<Client>> clients = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
  private final ObjectMapper json;
  private final Clock clock;

  public SseHub(ObjectMapper json, Clock clock, MeterRegistry metrics) {
    this.json = json;
    this.clock = clock;
    metrics.gauge("notifier.sse.streams", this, SseHub::openStreams);
  }

  /** Adds a stream; a first comment flushes the response so the browser's EventSource opens at once. */
  public void register(String customerKey, SseEventSink sink, Sse sse) {
    clients.computeIfAbsent(customerKey, k -> ConcurrentHashMap.newKeySet()).add(new Client(sink, sse));
    seen(customerKey);
    sink.send(sse.newEventBuilder().comment("connected").build());
  }

  /** Sends one snapshot to one stream (used to replay what a resuming client missed). */
  public void send(SseEventSink sink, Sse sse, EntryView entry) {
    sink.send(event(sse, entry));
  }

  void push(String customerKey, Entry snapshot) {
    Set<Client> open = clients.get(customerKey);
    if (open == null) {
      return;
    }
    EntryView entry = EntryView.of(snapshot);
    for (Client client : open) {
      if (client.sink().isClosed()) {
        open.remove(client);
      } else {
        client.sink().send(event(client.sse(), entry)).whenComplete((ok, error) -> {
          if (error != null) {
            open.remove(client);
          }
        });
      }
    }
  }

  /** Whether the customer has a stream open now. */
  public boolean live(String customerKey) {
    Set<Client> open = clients.get(customerKey);
    return open != null && open.stream().anyMatch(c -> !c.sink().isClosed());
  }

  /** Marks the customer as present now (a stream opened, the inbox was read). */
  public void seen(String customerKey) {
    lastSeen.put(customerKey, clock.instant());
  }

  public Optional<Instant> lastSeen(String customerKey) {
    return live(customerKey) ? Optional.of(clock.instant()) : Optional.ofNullable(lastSeen.get(customerKey));
  }

  /** Number of open streams, for the gauge and the benchmark. */
  public int openStreams() {
    return clients.values().stream().mapToInt(Set::size).sum();
  }

  /** A heartbeat keeps idle streams open through proxies and finds the closed ones, which are dropped. */
  @Scheduled(every = "25s")
  void heartbeat() {
    clients.values().forEach(set -> set.removeIf(c -> {
      if (c.sink().isClosed()) {
        return true;
      }
      c.sink().send(c.sse().newEventBuilder().comment("heartbeat").build())
          .whenComplete((ok, error) -> {
            if (error != null) {
              set.remove(c);
            }
          });
      return false;
    }));
    clients.values().removeIf(Set::isEmpty);
  }

  private jakarta.ws.rs.sse.OutboundSseEvent event(Sse sse, EntryView entry) {
    try {
      return sse.newEventBuilder().id(Long.toString(entry.offset()))
          .name(entry.unread() ? "message" : "update")
          .data(json.writeValueAsString(entry.message())).build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a message view is always serialisable", e);
    }
  }
}
