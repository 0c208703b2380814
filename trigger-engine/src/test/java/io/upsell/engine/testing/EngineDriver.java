package io.upsell.engine.testing;

import io.upsell.engine.config.EngineConfig;
import io.upsell.engine.topology.EngineTopology;
import io.upsell.engine.topology.Replay;
import io.upsell.engine.topology.Scope;
import io.upsell.platform.shops.Shop;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.platform.shops.Storefront;
import java.net.URI;
import java.time.ZoneId;
import java.util.Optional;
import io.upsell.schemas.app.CourseProgress;
import io.upsell.schemas.app.SubscriptionChanged;
import io.upsell.schemas.app.SubscriptionStatus;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.crm.Sentiment;
import io.upsell.schemas.crm.SupportTicket;
import io.upsell.schemas.crm.TicketStatus;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.shop.CartEvent;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ShopRules;
import io.upsell.schemas.upsell.SuppressedTrigger;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The engine topology under {@link TopologyTestDriver}, with one method per event kind so a test reads as the
 * story it tells. Clock starts at {@link #BASE} (noon UTC, outside quiet hours); holdout is off unless asked for.
 */
public final class EngineDriver implements AutoCloseable {

  public static final String SHOP = "shop-a";
  public static final Instant BASE = Instant.parse("2026-11-23T12:00:00Z");
  /** The shop's storefront, where its offers link. */
  public static final String STOREFRONT = "https://shop.example.com/";
  /** The shops file of the engine under test: {@link #SHOP} sells in GBP from {@link #STOREFRONT}. */
  public static final ShopDirectory SHOPS = new ShopDirectory(Map.of(SHOP, new Shop(SHOP, "Shop A", ZoneId.of("UTC"),
      "GBP", new byte[32], Optional.empty(), "en", new Storefront(Optional.of(URI.create(STOREFRONT)), Map.of()))));

  private final EventSerdes serdes = EventSerdes.singleObject();
  private final TopologyTestDriver driver;
  private final Path stateDir;
  private final Map<String, String> overrides;
  private int sequence;
  private Instant clock;
  private final Replay replay;
  private final Changelogs changelogs = new Changelogs();
  private final List<java.util.function.Consumer<EngineDriver>> globalInputs = new ArrayList<>();

  public EngineDriver() {
    this(Map.of());
  }

  public EngineDriver(Map<String, String> overrides) {
    this(overrides, null, newStateDir(), BASE);
  }

  /** The engine as a backtest runs it: timers on stream time (send a later event to move it), judged as
   * {@code replay} says; decisions still read with {@link #fired()} and {@link #suppressed()}. */
  public static EngineDriver replaying(Replay replay) {
    return new EngineDriver(Map.of(), replay, newStateDir(), BASE);
  }

  private EngineDriver(Map<String, String> overrides, Replay replay, Path stateDir, Instant clock) {
    this.overrides = overrides;
    this.replay = replay;
    this.stateDir = stateDir;
    this.clock = clock;
    Map<String, String> config = new HashMap<>(Map.of("upsell.engine.holdout-percent", "0"));
    config.putAll(overrides);
    EngineConfig engine = TestConfig.engine(config);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "engine-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(replay == null ? EngineTopology.live(engine, serdes, SHOPS)
        : EngineTopology.build(engine, serdes, SHOPS, Scope.everything(), replay, EngineTopology.toLiveTopics(serdes)),
        props, clock);
  }

  /**
   * Stops this engine and starts a new one with empty local state, which it restores from what the first wrote to
   * its changelogs (exactly what Kafka Streams replays on a new instance); global tables are re-read from their
   * compacted topics.
   */
  public EngineDriver restart() {
    changelogs.capture(driver);
    driver.close();
    EngineDriver next = new EngineDriver(overrides, replay, newStateDir(), clock);
    next.changelogs.putAll(changelogs);
    next.changelogs.restore(next.driver, serdes);
    globalInputs.forEach(input -> input.accept(next));
    next.globalInputs.addAll(globalInputs);
    return next;
  }

  private static Path newStateDir() {
    try {
      return Files.createTempDirectory("engine-ttd");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  // ---- time

  public static long at(Duration sinceBase) {
    return BASE.plus(sinceBase).toEpochMilli();
  }

  public void advance(Duration wallClock) {
    driver.advanceWallClockTime(wallClock);
    clock = clock.plus(wallClock);
  }

  // ---- events

  public <V extends SpecificRecord> void send(Topic<V> topic, String key, V value, long at) {
    pipe(driver, topic, key, value, at);
  }

  private <V extends SpecificRecord> void pipe(TopologyTestDriver target, Topic<V> topic, String key, V value,
      long at) {
    target.createInputTopic(topic.name(), serdes.keySerde().serializer(), serdes.valueSerde(topic).serializer())
        .pipeInput(key, value, at);
  }

  public static String key(String customer) {
    return Keys.customer(SHOP, customer);
  }

  public void customer(String customer, boolean consent, String timeZone) {
    send(Topics.CRM_CUSTOMERS, key(customer), CustomerProfile.newBuilder().setShopId(SHOP).setCustomerId(customer)
        .setEventId(nextId("p")).setOccurredAt(BASE.minus(Duration.ofDays(30))).setMarketingConsent(consent)
        .setTimeZone(timeZone).build(), BASE.minus(Duration.ofDays(30)).toEpochMilli());
  }

  /** A consenting customer in UTC. */
  public void customer(String customer) {
    customer(customer, true, "UTC");
  }

  /** A cart event carrying the whole cart after it. */
  public void cart(String customer, String eventId, CartEventType type, long at, String... products) {
    cart(customer, eventId, type, at, false, products);
  }

  /** A cart event carrying only what it added or removed, as a source without cart snapshots sends it. */
  public void cartChange(String customer, String eventId, CartEventType type, long at, String... products) {
    cart(customer, eventId, type, at, true, products);
  }

  private void cart(String customer, String eventId, CartEventType type, long at, boolean changedItemsOnly,
      String... products) {
    List<LineItem> items = lines(products);
    send(Topics.SHOP_CARTS, key(customer), CartEvent.newBuilder().setShopId(SHOP).setCustomerId(customer)
        .setEventId(eventId).setOccurredAt(Instant.ofEpochMilli(at)).setCartId("cart-" + customer).setType(type)
        .setItems(items).setValueMinor(1000L * items.size()).setCurrency("GBP").setChangedItemsOnly(changedItemsOnly)
        .build(), at);
  }

  public void order(String customer, String eventId, long at, String... products) {
    OrderPlaced placed = OrderPlaced.newBuilder().setShopId(SHOP).setCustomerId(customer).setEventId(eventId)
        .setOccurredAt(Instant.ofEpochMilli(at)).setOrderId("o-" + eventId).setLines(lines(products))
        .setTotalMinor(1000L * products.length).setCurrency("GBP").build();
    send(Topics.SHOP_ORDERS, key(customer), new OrderEvent(placed), at);
  }

  public void usage(String customer, String eventId, long at, long used, long quota) {
    send(Topics.APP_USAGE, key(customer), UsageReported.newBuilder().setShopId(SHOP).setCustomerId(customer)
        .setEventId(eventId).setOccurredAt(Instant.ofEpochMilli(at)).setResource("storage").setUsedUnits(used)
        .setQuotaUnits(quota).setPlan("basic").build(), at);
  }

  /** A storage report in GB on {@code plan}. */
  public void storage(String customer, String eventId, long at, String plan, long usedGb, long quotaGb) {
    send(Topics.APP_USAGE, key(customer), UsageReported.newBuilder().setShopId(SHOP).setCustomerId(customer)
        .setEventId(eventId).setOccurredAt(Instant.ofEpochMilli(at)).setResource("storage").setUsedUnits(usedGb)
        .setQuotaUnits(quotaGb).setUnit("GB").setPlan(plan).build(), at);
  }

  /** The ladder basic 100 GB → pro 1 TB → business 5 TB, monthly, in GBP; {@code pro-yearly} beside pro. */
  public void planLadder() {
    plan("basic", "Basic", 900, 100, null, "month", 1);
    plan("pro", "Pro", 2_900, 1_000, "basic", "month", 2);
    plan("business", "Business", 9_900, 5_000, "pro", "month", 3);
    plan("pro-yearly", "Pro (yearly)", 29_000, 1_000, null, "year", 2);
  }

  private void plan(String id, String name, long price, long storageGb, String upgradeOf, String period, int tier) {
    product(productOf(id).setName(name).setPriceMinor(price).setKind(io.upsell.schemas.catalog.ProductKind.PLAN)
        .setQuotas(Map.of("storage", storageGb)).setUnits(Map.of("storage", "GB")).setUpgradeOf(upgradeOf)
        .setBillingPeriod(period).setTier(tier).build());
  }

  public void featureRequest(String customer, String eventId, long at, String feature, String requiredPlan) {
    send(Topics.APP_USAGE, key(customer), UsageReported.newBuilder().setShopId(SHOP).setCustomerId(customer)
        .setEventId(eventId).setOccurredAt(Instant.ofEpochMilli(at)).setResource("api-calls").setUsedUnits(1)
        .setQuotaUnits(100).setPlan("basic").setRequestedFeature(feature).setRequiredPlan(requiredPlan).build(), at);
  }

  public void subscription(String customer, String eventId, long at, String plan, SubscriptionStatus status,
      Instant expiresAt, boolean autoRenew) {
    send(Topics.APP_SUBSCRIPTIONS, key(customer), SubscriptionChanged.newBuilder().setShopId(SHOP)
        .setCustomerId(customer).setEventId(eventId).setOccurredAt(Instant.ofEpochMilli(at)).setPlan(plan)
        .setStatus(status).setExpiresAt(expiresAt).setAutoRenew(autoRenew).build(), at);
  }

  public void course(String customer, String eventId, long at, String courseId, int percent) {
    send(Topics.APP_COURSES, key(customer), CourseProgress.newBuilder().setShopId(SHOP).setCustomerId(customer)
        .setEventId(eventId).setOccurredAt(Instant.ofEpochMilli(at)).setCourseId(courseId).setPercent(percent)
        .setCompleted(percent >= 100).build(), at);
  }

  public void ticket(String customer, String ticketId, long at, TicketStatus status, Sentiment sentiment) {
    send(Topics.CRM_SUPPORT, key(customer), SupportTicket.newBuilder().setShopId(SHOP).setCustomerId(customer)
        .setEventId(nextId("t")).setOccurredAt(Instant.ofEpochMilli(at)).setTicketId(ticketId).setStatus(status)
        .setSentiment(sentiment).build(), at);
  }

  public void engagement(String customer, EngagementType type, long at, String... products) {
    send(Topics.ENGAGEMENT_EVENTS, key(customer), Engagement.newBuilder().setShopId(SHOP).setCustomerId(customer)
        .setEventId(nextId("e")).setType(type).setProductIds(List.of(products)).setOccurredAt(Instant.ofEpochMilli(at))
        .build(), at);
  }

  /** The customer down-voted the message of one trigger (a prompt without products names none). */
  public void downvote(String customer, String triggerId, long at) {
    send(Topics.ENGAGEMENT_EVENTS, key(customer), Engagement.newBuilder().setShopId(SHOP).setCustomerId(customer)
        .setEventId(nextId("e")).setTriggerId(triggerId).setType(EngagementType.DOWNVOTED)
        .setOccurredAt(Instant.ofEpochMilli(at)).build(), at);
  }

  public void product(Product product) {
    global(Topics.CATALOG_PRODUCTS, Keys.product(product.getShopId(), product.getProductId()), product);
  }

  // Compacted topics read as global tables: a restarted engine reads them again from the start.
  private <V extends SpecificRecord> void global(Topic<V> topic, String key, V value) {
    long at = BASE.minus(Duration.ofDays(60)).toEpochMilli();
    send(topic, key, value, at);
    globalInputs.add(engine -> engine.send(topic, key, value, at));
  }

  public static Product.Builder productOf(String productId) {
    return Product.newBuilder().setShopId(SHOP).setProductId(productId).setEventId("cat-" + productId)
        .setOccurredAt(BASE.minus(Duration.ofDays(60))).setName(productId).setPriceMinor(1000).setCurrency("GBP")
        // Set, not defaulted: Avro's builder copies an enum default through its model, which under @QuarkusTest
        // resolves the enum on another class loader than the test's.
        .setKind(io.upsell.schemas.catalog.ProductKind.PRODUCT);
  }

  public void rules(ShopRules rules) {
    global(Topics.UPSELL_RULES, rules.getShopId(), rules);
  }

  public static ShopRules.Builder rulesOf() {
    return ShopRules.newBuilder().setShopId(SHOP).setUpdatedAt(BASE);
  }

  // ---- outcomes

  /** Triggers published since the last call. */
  public List<UpsellTrigger> fired() {
    return new ArrayList<>(driver.createOutputTopic(Topics.UPSELL_TRIGGERS.name(), serdes.keySerde().deserializer(),
        serdes.valueSerde(Topics.UPSELL_TRIGGERS).deserializer()).readValuesToList());
  }

  /** Suppressions published since the last call. */
  public List<SuppressedTrigger> suppressed() {
    return new ArrayList<>(driver.createOutputTopic(Topics.UPSELL_SUPPRESSED.name(), serdes.keySerde().deserializer(),
        serdes.valueSerde(Topics.UPSELL_SUPPRESSED).deserializer()).readValuesToList());
  }

  public TopologyTestDriver driver() {
    return driver;
  }

  @Override
  public void close() {
    driver.close();
  }

  private String nextId(String prefix) {
    return prefix + "-" + (++sequence);
  }

  private static List<LineItem> lines(String... products) {
    List<LineItem> items = new ArrayList<>();
    for (String product : products) {
      items.add(LineItem.newBuilder().setProductId(product).setQuantity(1).setUnitPriceMinor(1000).build());
    }
    return items;
  }
}
