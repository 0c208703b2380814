package io.upsell.notifier.customer;

import io.quarkus.runtime.Startup;
import io.upsell.notifier.kafka.TopicReader;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who a customer is (latest profile from crm.customers) and whether email to them must stop: once a customer
 * unsubscribed or their address bounced permanently (from engagement.events), no more email goes to them.
 */
@Startup
@ApplicationScoped
public class Customers {

  private static final Duration CATCH_UP = Duration.ofSeconds(10);

  private final Map<String, CustomerProfile> profiles = new ConcurrentHashMap<>();
  private final Map<String, EngagementType> emailStops = new ConcurrentHashMap<>();
  private final TopicReader<CustomerProfile> profileReader;
  private final TopicReader<Engagement> engagementReader;

  public Customers(@ConfigProperty(name = "kafka.bootstrap.servers") String servers, EventSerdes serdes) {
    profileReader = new TopicReader<>(servers, serdes, Topics.CRM_CUSTOMERS, r -> {
      if (r.value() == null) {
        profiles.remove(r.key());
      } else {
        profiles.put(r.key(), r.value());
      }
    }).start();
    engagementReader = new TopicReader<>(servers, serdes, Topics.ENGAGEMENT_EVENTS, r -> {
      EngagementType type = r.value().getType();
      if (type == EngagementType.UNSUBSCRIBED || type == EngagementType.BOUNCED) {
        emailStops.putIfAbsent(r.key(), type);
      }
    }).start();
  }

  public Optional<CustomerProfile> profile(String customerKey) {
    return Optional.ofNullable(profiles.get(customerKey));
  }

  /**
   * The profile; when none is known yet, reads crm.customers up to its current end first (bounded wait), because a
   * profile written just before the trigger may still be on its way to this table.
   */
  public Optional<CustomerProfile> profileReadingAhead(String customerKey) {
    Optional<CustomerProfile> known = profile(customerKey);
    if (known.isPresent()) {
      return known;
    }
    try {
      profileReader.caughtUp().get(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // Still behind after the wait: decide with what is known.
    }
    return profile(customerKey);
  }

  /** Why email to this customer stopped, if it did. */
  public Optional<EngagementType> emailStop(String customerKey) {
    return Optional.ofNullable(emailStops.get(customerKey));
  }

  /** Records a stop at once, before the engagement event comes back through the topic. */
  public void stopEmail(String customerKey, EngagementType why) {
    emailStops.putIfAbsent(customerKey, why);
  }

  public void awaitLoaded(Duration timeout) {
    profileReader.awaitCaughtUp(timeout);
    engagementReader.awaitCaughtUp(timeout);
  }

  @PreDestroy
  void close() {
    profileReader.close();
    engagementReader.close();
  }
}
