package io.upsell.engine.contract;

import static io.upsell.engine.contract.ContractEvents.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.engine.testing.EngineDriver;
import io.upsell.engine.topology.EngineTopology;
import io.upsell.engine.triggers.Trigger;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.OfferItem;
import io.upsell.schemas.upsell.PlanInfo;
import io.upsell.schemas.upsell.UsageInfo;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's real output for every trigger type in both variants, as the notifier renders it: the real topology
 * and policies fed realistic events, every fired trigger written as one line of Avro JSON to
 * {@code test-kit/src/main/resources/contract/engine-offers.ndjson}. The committed file must equal what the engine
 * produces now, so it never goes stale; {@code -Dcontract.write=true} rewrites it.
 */
class EngineOffersContractTest {

  static final Path CONTRACT = Path.of("..", "test-kit", "src", "main", "resources", "contract", "engine-offers.ndjson");
  static final String STOREFRONT = "https://shop.example.com";

  /** The trigger types of the engine's catalog: each needs its scenario below. */
  static final List<TriggerType> CATALOG = EngineTopology.catalog().stream().map(Trigger::type).toList();

  private static EngineDriver engine;
  private static List<UpsellTrigger> fired;

  @BeforeAll
  static void runTheScenario() {
    engine = new EngineDriver();
    ContractEvents events = new ContractEvents(engine);
    events.products();
    Map<TriggerType, BiConsumer<String, Long>> scenarios = scenarios(events);
    Map<String, TriggerType> customers = new java.util.LinkedHashMap<>();
    long at = EngineDriver.at(Duration.ZERO);
    // Bought-together is learned from other customers' orders first (they have no profile: no message of theirs).
    for (int i = 1; i <= 3; i++) {
      events.order("teacher-" + i, at, line("tent", "Trail Tent 2P", 14_900, 1),
          line("sleeping-bag", "Down Sleeping Bag", 8_900, 1));
    }
    for (TriggerType type : CATALOG) {
      for (String variant : List.of("A", "B")) {
        String customer = customerOf(type, variant);
        customers.put(customer, type);
        engine.customer(customer);
        scenarios.get(type).accept(customer, at + 1000);
      }
    }
    fired = new ArrayList<>(engine.fired());
    // Timers come due in turn: the reminders, the flash sales, then the cycles of weeks and months.
    for (Duration step : List.of(Duration.ofMinutes(31), Duration.ofHours(24), Duration.ofDays(3), Duration.ofDays(27),
        Duration.ofDays(31))) {
      engine.advance(step);
      fired.addAll(engine.fired());
    }
    fired.removeIf(t -> customers.get(t.getCustomerId()) != t.getType());
    fired.sort(Comparator.comparing(UpsellTrigger::getType).thenComparing(UpsellTrigger::getStep)
        .thenComparing(UpsellTrigger::getVariant));
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static Map<TriggerType, BiConsumer<String, Long>> scenarios(ContractEvents events) {
    Map<TriggerType, BiConsumer<String, Long>> s = new EnumMap<>(TriggerType.class);
    s.put(TriggerType.CART_ABANDONED, (c, at) -> events.cart(c, CartEventType.ITEM_ADDED, at,
        line("wool-scarf", "Merino Wool Scarf", 3_500, 1), line("gloves", "Leather Gloves", 4_200, 2)));
    s.put(TriggerType.CHECKOUT_ABANDONED, (c, at) -> events.cart(c, CartEventType.CHECKOUT_STARTED, at,
        line("rain-jacket", "Packable Rain Jacket", 8_900, 1)));
    s.put(TriggerType.POST_PURCHASE_CROSS_SELL, (c, at) -> events.order(c, at, line("tent", "Trail Tent 2P", 14_900, 1)));
    s.put(TriggerType.FREQUENTLY_BOUGHT_TOGETHER, (c, at) -> events.cart(c, CartEventType.ITEM_ADDED, at,
        line("tent", "Trail Tent 2P", 14_900, 1)));
    s.put(TriggerType.REPLENISHMENT_DUE, (c, at) -> events.order(c, at,
        line("coffee-beans", "House Espresso Beans 1 kg", 2_450, 2)));
    s.put(TriggerType.STORAGE_NEAR_FULL, (c, at) -> events.storage(c, at, "basic", 86, 100));
    s.put(TriggerType.PLAN_LIMIT_HIT, (c, at) -> events.featureRequest(c, at, "audit-log", "business"));
    s.put(TriggerType.SUBSCRIPTION_EXPIRING, (c, at) -> events.subscription(c, at, "pro", Duration.ofDays(10)));
    s.put(TriggerType.COURSE_COMPLETED, (c, at) -> events.courseCompleted(c, at, "course-101"));
    s.put(TriggerType.WIN_BACK, (c, at) -> events.order(c, at, line("wool-scarf", "Merino Wool Scarf", 3_500, 1)));
    s.put(TriggerType.PRODUCT_UPGRADE, (c, at) -> events.view(c, at, "camera"));
    return s;
  }

  /** The first customer of a numbered series whose A/B bucket (shop, customer, type) is {@code variant}. */
  static String customerOf(TriggerType type, String variant) {
    for (int n = 1; ; n++) {
      String customer = type.name().toLowerCase().replace('_', '-') + "-" + n;
      int bucket = Keys.bucket(EngineDriver.SHOP + ":" + customer + ":" + type, 2);
      if ((bucket == 0 ? "A" : "B").equals(variant)) {
        return customer;
      }
    }
  }

  @Test
  void theCommittedContractIsWhatTheEngineProducesNow() throws IOException {
    String produced = ndjson(fired);
    if (Boolean.getBoolean("contract.write")) {
      Files.createDirectories(CONTRACT.getParent());
      Files.writeString(CONTRACT, produced);
    }
    assertThat(Files.readString(CONTRACT)).as("rewrite with -Dcontract.write=true").isEqualTo(produced);
  }

  @Test
  void everyTriggerTypeFiresInBothVariants() {
    for (TriggerType type : CATALOG) {
      assertThat(fired.stream().filter(t -> t.getType() == type).map(UpsellTrigger::getVariant).distinct())
          .as("variants of %s", type).containsExactlyInAnyOrder("A", "B");
    }
  }

  @Test
  void productOffersListTheirItemsWithNamesPricesAndCurrencyAndLinkToTheShop() {
    List<UpsellTrigger> productOffers = fired.stream().filter(t -> !t.getOffer().getProductIds().isEmpty()).toList();
    assertThat(productOffers).isNotEmpty();
    for (UpsellTrigger t : productOffers) {
      Offer offer = t.getOffer();
      assertThat(offer.getItems()).as("%s items", t.getType()).isNotEmpty();
      assertThat(offer.getItems().stream().map(OfferItem::getProductId).toList()).isEqualTo(offer.getProductIds());
      for (OfferItem item : offer.getItems()) {
        assertThat(item.getName()).as("%s item name", t.getType()).isNotBlank();
        assertThat(item.getPriceMinor()).as("%s item price", t.getType()).isPositive();
      }
      assertThat(offer.getCurrency()).as("%s currency", t.getType()).isEqualTo("GBP");
      assertThat(offer.getUrl()).as("%s url", t.getType()).startsWith(STOREFRONT + "/");
    }
  }

  @Test
  void everyOfferLinksToTheShop() {
    assertThat(fired).allSatisfy(t -> assertThat(t.getOffer().getUrl()).as("%s url", t.getType())
        .startsWith(STOREFRONT + "/"));
  }

  @Test
  void planOffersNameTheCurrentAndTheOfferedPlanWithTheirPrices() {
    List<UpsellTrigger> planOffers = fired.stream().filter(t -> List.of(TriggerType.STORAGE_NEAR_FULL,
        TriggerType.PLAN_LIMIT_HIT, TriggerType.SUBSCRIPTION_EXPIRING).contains(t.getType())).toList();
    assertThat(planOffers).hasSize(6);
    for (UpsellTrigger t : planOffers) {
      for (PlanInfo plan : List.of(t.getOffer().getCurrentPlan(), t.getOffer().getOfferedPlan())) {
        assertThat(plan.getName()).as("%s plan name", t.getType()).isNotBlank();
        assertThat(plan.getPriceMinor()).as("%s plan price", t.getType()).isPositive();
        assertThat(plan.getCurrency()).isEqualTo("GBP");
      }
      assertThat(t.getOffer().getUrl()).isEqualTo(STOREFRONT + "/account/billing");
    }
    UpsellTrigger storage = planOffers.stream().filter(t -> t.getType() == TriggerType.STORAGE_NEAR_FULL).findFirst()
        .orElseThrow();
    assertThat(storage.getOffer().getOfferedPlan().getPlanId()).isEqualTo("pro");
    assertThat(storage.getOffer().getUsage()).isEqualTo(new UsageInfo("storage", 86L, 100L, "GB"));
    UpsellTrigger renewal = planOffers.stream().filter(t -> t.getType() == TriggerType.SUBSCRIPTION_EXPIRING)
        .findFirst().orElseThrow();
    assertThat(renewal.getOffer().getAlternativePlan().getPlanId()).isEqualTo("pro-yearly");
  }

  @Test
  void discountsCarryACodeAndADeadline() {
    List<UpsellTrigger> discounted = fired.stream()
        .filter(t -> t.getOffer().getDiscountPercent() != null || t.getOffer().getDiscountMinor() != null).toList();
    assertThat(discounted).extracting(UpsellTrigger::getVariant).contains("A", "B");
    for (UpsellTrigger t : discounted) {
      assertThat(t.getOffer().getCouponCode()).as("%s code", t.getType()).matches("UP-[2-9A-HJ-NP-Z]{8}");
      assertThat(t.getOffer().getExpiresAt()).as("%s deadline", t.getType()).isAfter(t.getFiredAt());
      if (t.getOffer().getDiscountMinor() != null) {
        assertThat(t.getOffer().getCurrency()).isEqualTo("GBP");
      }
    }
  }

  @Test
  void theFlashSaleStepOffersMoreThanTheFirstStep() {
    for (TriggerType type : List.of(TriggerType.CART_ABANDONED, TriggerType.CHECKOUT_ABANDONED)) {
      for (String variant : List.of("A", "B")) {
        Offer first = offer(type, variant, 1);
        Offer second = offer(type, variant, 2);
        long firstWorth = variant.equals("A") ? first.getDiscountPercent() : first.getDiscountMinor();
        long secondWorth = variant.equals("A") ? second.getDiscountPercent() : second.getDiscountMinor();
        assertThat(secondWorth).as("%s %s step 2 discount", type, variant).isGreaterThan(firstWorth);
        assertThat(second.getExpiresAt()).isNotNull();
      }
    }
  }

  private static Offer offer(TriggerType type, String variant, int step) {
    return fired.stream().filter(t -> t.getType() == type && t.getVariant().equals(variant) && t.getStep() == step)
        .findFirst().orElseThrow(() -> new AssertionError(type + " " + variant + " step " + step + " not fired"))
        .getOffer();
  }

  static String ndjson(List<UpsellTrigger> triggers) throws IOException {
    StringBuilder out = new StringBuilder();
    SpecificDatumWriter<UpsellTrigger> writer = new SpecificDatumWriter<>(UpsellTrigger.class);
    for (UpsellTrigger trigger : triggers) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      JsonEncoder json = EncoderFactory.get().jsonEncoder(UpsellTrigger.getClassSchema(), bytes);
      writer.write(trigger, json);
      json.flush();
      out.append(bytes.toString(StandardCharsets.UTF_8).strip()).append('\n');
    }
    return out.toString();
  }
}
