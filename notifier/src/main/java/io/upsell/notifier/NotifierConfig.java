package io.upsell.notifier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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

  /** Per-shop rules, by shop id. */
  Map<String, ShopRules> shops();

  /** Email settings (SMTP host, port, TLS and auth are quarkus.mailer.*). */
  interface Mail {
    @WithDefault("Upsell Notifications <notify@upsell.local>")
    String from();

    /** Domain of generated Message-IDs. */
    @WithDefault("upsell.local")
    String messageIdDomain();

    /** Tries per email, the first included, before a temporary failure becomes FAILED + DLQ. */
    @WithDefault("4")
    int maxAttempts();

    @WithDefault("PT1S")
    Duration initialBackoff();

    @WithDefault("PT30S")
    Duration maxBackoff();
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
    @WithDefault("5")
    int maxAttempts();

    @WithDefault("PT0.5S")
    Duration initialBackoff();

    @WithDefault("PT10S")
    Duration timeout();
  }

  /** A shop's own rules. */
  interface ShopRules {
    /** Where every trigger of this shop is also POSTed as signed JSON. */
    Optional<String> webhookUrl();

    /** Channel per trigger type: email, in-app or none; overrides the trigger's hint. */
    Map<String, String> channels();
  }
}
