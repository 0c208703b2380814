package io.upsell.notifier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** Everything the notifier can be told; each key is described in application.properties. */
@ConfigMapping(prefix = "notifier")
public interface NotifierConfig {

  /** Base URL customers' browsers and mail clients reach this service at; every link is built on it. */
  @WithDefault("http://localhost:8083")
  String publicBaseUrl();

  /**
   * Host the other instances reach this one at, for the inboxes of its partitions; with the HTTP port it is Kafka
   * Streams' application.server (default in application.properties).
   */
  String advertisedHost();

  /** HMAC-SHA256 key for link and in-app tokens. */
  String tokenSecret();

  /** How long a tracking or unsubscribe link keeps working. */
  @WithDefault("P60D")
  Duration linkTtl();

  /** How long an in-app token minted for a shop's customer stays valid. */
  @WithDefault("PT12H")
  Duration inappTokenTtl();

  Mail mail();

  InApp inapp();

  Webhook webhook();

  Retry retry();

  Ledger ledger();

  /** Per-shop rules, by shop id. */
  Map<String, ShopRules> shops();

  /** Email settings (SMTP host, port, TLS and auth are quarkus.mailer.*). */
  interface Mail {
    @WithDefault("Upsell Notifications <notify@upsell.local>")
    String from();

    /** Domain of generated Message-IDs. */
    @WithDefault("upsell.local")
    String messageIdDomain();

  }

  /** In-app prompt settings. */
  interface InApp {
    /** An app prompt for a customer with no live session is emailed instead if still unseen after this wait. */
    @WithDefault("PT10M")
    Duration fallbackWait();

    /** How often due email fallbacks are looked for. */
    @WithDefault("PT5S")
    Duration fallbackScanEvery();

    /** Messages kept per customer's inbox; older ones are dropped as new ones arrive. */
    @WithDefault("50")
    int maxMessages();

    /** No message older than this is kept or shown. */
    @WithDefault("P90D")
    Duration maxAge();
  }

  /** Outgoing webhook settings (the URL is per shop). */
  interface Webhook {
    @WithDefault("PT10S")
    Duration timeout();
  }

  /**
   * Temporary failures of email and webhook sends (SMTP 4xx, HTTP 5xx, connection refused, timeouts) and provider
   * throttling; defaults and meaning in application.properties, bounds here.
   */
  interface Retry {
    /** How long after its first try a send is retried before it is dead-lettered. */
    @DurationMin(seconds = 1)
    @DurationMax(days = 7)
    Duration window();

    /** The first retry's wait; it doubles per failure, with jitter. */
    @DurationMin(millis = 10)
    @DurationMax(minutes = 10)
    Duration initialBackoff();

    /** The longest wait between two tries. */
    @DurationMin(millis = 10)
    @DurationMax(hours = 1)
    Duration maxBackoff();

    /** How long a channel (email) or a shop's webhook is paused after the provider throttled it (421, 454, 429). */
    @DurationMin(seconds = 1)
    @DurationMax(minutes = 30)
    Duration throttlePause();

    /** How often due retries are looked for. */
    @DurationMin(millis = 100)
    @DurationMax(minutes = 1)
    Duration scanEvery();
  }

  /** The send ledger (claims and outcomes per trigger and channel); default in application.properties. */
  interface Ledger {
    /**
     * How long a trigger's claims and outcomes are kept: older ones are removed from the partition's stores, a new
     * instance reads the ledger topics only this far back, and a trigger older than this is not handled.
     */
    @DurationMin(days = 1)
    @DurationMax(days = 365)
    Duration retention();
  }

  /** A shop's own rules. */
  interface ShopRules {
    /** Where every trigger of this shop is also POSTed as signed JSON. */
    Optional<String> webhookUrl();
  }
}
