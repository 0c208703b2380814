package io.upsell.schemas.topics;

import static io.upsell.schemas.topics.Topic.Cleanup.COMPACT;
import static io.upsell.schemas.topics.Topic.Cleanup.DELETE;
import static io.upsell.schemas.topics.Topic.KeyKind.CUSTOMER;
import static io.upsell.schemas.topics.Topic.KeyKind.PRODUCT;
import static io.upsell.schemas.topics.Topic.KeyKind.SHOP;
import static io.upsell.schemas.topics.Topic.KeyKind.SHOP_SETTING;

import io.upsell.schemas.analytics.KpiReport;
import io.upsell.schemas.app.CourseProgress;
import io.upsell.schemas.app.SubscriptionChanged;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.crm.SupportTicket;
import io.upsell.schemas.ingest.SeenEvent;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.ops.DeadLetter;
import io.upsell.schemas.notify.InAppMessage;
import io.upsell.schemas.notify.SendClaim;
import io.upsell.schemas.notify.ShopBrand;
import io.upsell.schemas.notify.ShopTemplate;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.MarketingSpend;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.ViewEvent;
import io.upsell.schemas.upsell.ShopRules;
import io.upsell.schemas.upsell.SuppressedTrigger;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The topic catalog: the only place a topic name is written. Customer-scoped topics share one partition count
 * so Kafka Streams joins them without repartitioning.
 */
public final class Topics {

  /** Partitions of every customer-scoped topic. */
  public static final int CUSTOMER_PARTITIONS = 6;
  /** Partitions of shop- and product-keyed topics; they carry little traffic. */
  public static final int SHOP_PARTITIONS = 3;

  private static final Duration FOREVER = null;
  private static final Duration THIRTY_DAYS = Duration.ofDays(30);

  // Raw events, written only by order-ingest. Kept forever: they are the history analytics and backtests replay.
  public static final Topic<OrderEvent> SHOP_ORDERS = customer("shop.orders", OrderEvent.class, FOREVER);
  public static final Topic<CartEvent> SHOP_CARTS = customer("shop.carts", CartEvent.class, FOREVER);
  public static final Topic<ViewEvent> SHOP_VIEWS = customer("shop.views", ViewEvent.class, FOREVER);
  public static final Topic<UsageReported> APP_USAGE = customer("app.usage", UsageReported.class, FOREVER);
  public static final Topic<SubscriptionChanged> APP_SUBSCRIPTIONS =
      customer("app.subscriptions", SubscriptionChanged.class, FOREVER);
  public static final Topic<CourseProgress> APP_COURSES = customer("app.courses", CourseProgress.class, FOREVER);
  public static final Topic<CustomerProfile> CRM_CUSTOMERS =
      new Topic<>("crm.customers", CUSTOMER, CustomerProfile.class, CUSTOMER_PARTITIONS, COMPACT, FOREVER);
  public static final Topic<SupportTicket> CRM_SUPPORT = customer("crm.support", SupportTicket.class, FOREVER);
  public static final Topic<Product> CATALOG_PRODUCTS =
      new Topic<>("catalog.products", PRODUCT, Product.class, SHOP_PARTITIONS, COMPACT, FOREVER);
  public static final Topic<MarketingSpend> SHOP_SPEND =
      new Topic<>("shop.spend", SHOP, MarketingSpend.class, SHOP_PARTITIONS, DELETE, FOREVER);

  // Decisions, written only by trigger-engine.
  public static final Topic<UpsellTrigger> UPSELL_TRIGGERS = customer("upsell.triggers", UpsellTrigger.class, FOREVER);
  public static final Topic<SuppressedTrigger> UPSELL_SUPPRESSED =
      customer("upsell.suppressed", SuppressedTrigger.class, FOREVER);
  public static final Topic<ShopRules> UPSELL_RULES =
      new Topic<>("upsell.rules", SHOP, ShopRules.class, SHOP_PARTITIONS, COMPACT, FOREVER);

  // Outcomes, written by the notifier (and engagement feedback by ingest).
  public static final Topic<Delivery> NOTIFY_DELIVERIES = customer("notify.deliveries", Delivery.class, FOREVER);
  public static final Topic<Engagement> ENGAGEMENT_EVENTS = customer("engagement.events", Engagement.class, FOREVER);
  /** Triggers the notifier gave up on; the error travels in record headers. */
  public static final Topic<UpsellTrigger> NOTIFY_DLQ = customer("notify.dlq", UpsellTrigger.class, THIRTY_DAYS);

  // Internal to the notifier. The send ledger: a claim before each send; with notify.deliveries it tells a
  // redelivered trigger from a new one. Claims only matter while a trigger can be redelivered: 30 days.
  public static final Topic<SendClaim> NOTIFY_LEDGER = customer("notify.ledger", SendClaim.class, THIRTY_DAYS);
  /** In-app message snapshots per customer; the inbox is the latest per message. Prompts expire after 30 days. */
  public static final Topic<InAppMessage> NOTIFY_INAPP = customer("notify.inapp", InAppMessage.class, THIRTY_DAYS);
  /** Each shop's own copy per trigger type, channel and language; shop-wide and few, so every instance reads it all. */
  public static final Topic<ShopTemplate> NOTIFY_TEMPLATES =
      new Topic<>("notify.templates", SHOP_SETTING, ShopTemplate.class, SHOP_PARTITIONS, COMPACT, FOREVER);
  /** Each shop's email brand: sender name, reply-to, logo, colours, footer. */
  public static final Topic<ShopBrand> NOTIFY_BRANDS =
      new Topic<>("notify.brands", SHOP, ShopBrand.class, SHOP_PARTITIONS, COMPACT, FOREVER);

  // Reports, written by analytics, mailed by the notifier.
  public static final Topic<KpiReport> ANALYTICS_REPORTS =
      new Topic<>("analytics.reports", SHOP, KpiReport.class, SHOP_PARTITIONS, DELETE, THIRTY_DAYS);

  // Internal to order-ingest: event ids it published (key shopId:eventId, composite like a customer key), written in
  // the same transaction as the events and read back at start-up; kept 7 days, the de-duplication window.
  public static final Topic<SeenEvent> INGEST_SEEN_IDS =
      customer("ingest.seen-ids", SeenEvent.class, Duration.ofDays(7));

  /**
   * Input records a service could not read (not Avro, unknown schema), from every consumer of every service,
   * written by each service's poison-record handler; the record key is the source record's key.
   */
  public static final Topic<DeadLetter> DEAD_LETTERS = customer("upsell.dead-letters", DeadLetter.class, THIRTY_DAYS);

  /** Every topic of the contract, in catalog order. */
  public static final List<Topic<?>> ALL = List.of(
      SHOP_ORDERS, SHOP_CARTS, SHOP_VIEWS, APP_USAGE, APP_SUBSCRIPTIONS, APP_COURSES, CRM_CUSTOMERS, CRM_SUPPORT,
      CATALOG_PRODUCTS, SHOP_SPEND, UPSELL_TRIGGERS, UPSELL_SUPPRESSED, UPSELL_RULES, NOTIFY_DELIVERIES,
      ENGAGEMENT_EVENTS, NOTIFY_DLQ, ANALYTICS_REPORTS, INGEST_SEEN_IDS,
      NOTIFY_LEDGER, NOTIFY_INAPP, NOTIFY_TEMPLATES, NOTIFY_BRANDS, DEAD_LETTERS);

  private Topics() {}

  /** The catalog entry named {@code name}, if there is one. */
  public static Optional<Topic<?>> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  private static <V extends SpecificRecord> Topic<V> customer(String name, Class<V> type, Duration retention) {
    return new Topic<>(name, CUSTOMER, type, CUSTOMER_PARTITIONS, DELETE, retention);
  }
}
