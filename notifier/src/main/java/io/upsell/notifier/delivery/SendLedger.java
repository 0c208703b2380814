package io.upsell.notifier.delivery;

import io.quarkus.runtime.Startup;
import io.upsell.notifier.kafka.Outbox;
import io.upsell.notifier.kafka.TopicReader;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.SendClaim;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The send ledger: what happened to each (trigger, channel). A {@link SendClaim} is written and acknowledged before
 * an email leaves; the {@link Delivery} on notify.deliveries is the outcome. So a redelivered trigger finds DONE
 * (nothing to do), CLAIMED (the last run died mid-send: the outcome is unknown and it is never sent again) or NEW.
 */
@Startup
@ApplicationScoped
public class SendLedger {

  /** Where a (trigger, channel) stands. */
  public enum State { NEW, CLAIMED, DONE }

  private final Map<String, State> states = new ConcurrentHashMap<>();
  private final Outbox outbox;
  private final Clock clock;
  private final TopicReader<SendClaim> claims;
  private final TopicReader<Delivery> deliveries;

  public SendLedger(@ConfigProperty(name = "kafka.bootstrap.servers") String servers, EventSerdes serdes,
      Outbox outbox, Clock clock) {
    this.outbox = outbox;
    this.clock = clock;
    claims = new TopicReader<>(servers, serdes, Topics.NOTIFY_LEDGER,
        r -> states.putIfAbsent(entry(r.value().getTriggerId(), r.value().getChannel()), State.CLAIMED)).start();
    deliveries = new TopicReader<>(servers, serdes, Topics.NOTIFY_DELIVERIES,
        r -> states.put(entry(r.value().getTriggerId(), r.value().getChannel()), State.DONE)).start();
  }

  public State state(String triggerId, DeliveryChannel channel) {
    return states.getOrDefault(entry(triggerId, channel), State.NEW);
  }

  /** Writes the claim and waits for the broker: only then may the send start. */
  public void claim(String shopId, String customerId, String triggerId, String deliveryId, DeliveryChannel channel) {
    var claim = new SendClaim(shopId, customerId, triggerId, deliveryId, channel, clock.instant());
    try {
      outbox.publish(Topics.NOTIFY_LEDGER, Keys.customer(shopId, customerId), claim).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot write the send claim; not sending", e);
    }
    states.putIfAbsent(entry(triggerId, channel), State.CLAIMED);
  }

  /** Marks an outcome published by this instance, before it comes back through the topic. */
  public void done(String triggerId, DeliveryChannel channel) {
    states.put(entry(triggerId, channel), State.DONE);
  }

  /** Blocks until everything written to the ledger before now is known; called before handling a partition. */
  public void awaitCaughtUp(Duration timeout) {
    claims.awaitCaughtUp(timeout);
    deliveries.awaitCaughtUp(timeout);
  }

  private static String entry(String triggerId, DeliveryChannel channel) {
    return triggerId + "/" + channel;
  }

  @PreDestroy
  void close() {
    claims.close();
    deliveries.close();
  }
}
