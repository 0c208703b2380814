package io.upsell.engine.policy;

import static io.upsell.engine.testing.EngineDriver.BASE;
import static io.upsell.engine.testing.EngineDriver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.engine.testing.EngineDriver;
import io.upsell.engine.topology.Replay;
import io.upsell.schemas.crm.Sentiment;
import io.upsell.schemas.crm.TicketStatus;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.SuppressedTrigger;
import io.upsell.schemas.upsell.SuppressionReason;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PoliciesTest {

  private EngineDriver engine = new EngineDriver();

  @AfterEach
  void stop() {
    engine.close();
  }

  private List<SuppressionReason> reasons() {
    return engine.suppressed().stream().map(SuppressedTrigger::getSuppressionReason).toList();
  }

  private void abandonCart(String customer, String eventId, Duration at) {
    engine.cart(customer, eventId, CartEventType.ITEM_ADDED, at(at), "p1");
  }

  @Test
  void aDownVotedPlanPromptIsHeldBackForThirtyDays() {
    engine.customer("c1");
    engine.planLadder();
    engine.storage("c1", "u1", at(Duration.ZERO), "basic", 86, 100);
    String prompt = engine.fired().get(0).getTriggerId();
    engine.downvote("c1", prompt, at(Duration.ofMinutes(5)));

    engine.storage("c1", "u2", at(Duration.ofDays(1)), "basic", 50, 100);
    engine.storage("c1", "u3", at(Duration.ofDays(2)), "basic", 87, 100);
    engine.storage("c1", "u4", at(Duration.ofDays(29)), "basic", 50, 100);
    engine.storage("c1", "u5", at(Duration.ofDays(31)), "basic", 88, 100);

    assertThat(reasons()).containsExactly(SuppressionReason.DOWNVOTED);
    assertThat(engine.fired()).singleElement().satisfies(t -> assertThat(t.getSourceEventIds()).containsExactly("u5"));
  }

  @Test
  void customerWithoutConsentGetsNoEmailOffer() {
    engine.customer("c1", false, "UTC");
    abandonCart("c1", "e1", Duration.ZERO);

    engine.advance(Duration.ofMinutes(31));

    assertThat(engine.fired()).isEmpty();
    assertThat(reasons()).containsExactly(SuppressionReason.NO_CONSENT);
  }

  @Test
  void aBacktestThatAssumesConsentCountsACustomerWithoutProfileAsConsenting() {
    engine.close();
    engine = EngineDriver.replaying(new Replay(null, true));
    engine.customer("refused", false, "UTC");
    engine.customer("unsubscribed");
    engine.engagement("unsubscribed", EngagementType.UNSUBSCRIBED, at(Duration.ofMinutes(-5)));
    for (String customer : List.of("no-profile", "refused", "unsubscribed")) {
      abandonCart(customer, "e-" + customer, Duration.ZERO);
    }

    abandonCart("later", "e-later", Duration.ofMinutes(31)); // moves stream time past the reminders' due time

    assertThat(engine.fired()).extracting(UpsellTrigger::getCustomerId).containsExactly("no-profile");
    assertThat(engine.suppressed()).extracting(s -> s.getTrigger().getCustomerId() + " " + s.getSuppressionReason())
        .containsExactlyInAnyOrder("refused NO_CONSENT", "unsubscribed UNSUBSCRIBED");
  }

  @Test
  void aBacktestRefusesACustomerWithoutProfileUnlessItAssumesConsent() {
    engine.close();
    engine = EngineDriver.replaying(new Replay(null, false));
    abandonCart("no-profile", "e1", Duration.ZERO);

    abandonCart("later", "e2", Duration.ofMinutes(31));

    assertThat(engine.fired()).isEmpty();
    assertThat(reasons()).containsExactly(SuppressionReason.NO_CONSENT);
  }

  @Test
  void serviceStorageWarningStillGoesInAppWithoutConsent() {
    engine.customer("c1", false, "UTC");

    engine.usage("c1", "u1", at(Duration.ZERO), 90, 100);

    assertThat(engine.fired()).singleElement()
        .satisfies(t -> assertThat(t.getChannelHint()).isEqualTo(ChannelHint.IN_APP));
  }

  @Test
  void unsubscribedCustomerGetsNoOffer() {
    engine.customer("c1");
    engine.engagement("c1", EngagementType.UNSUBSCRIBED, at(Duration.ofMinutes(-5)));
    abandonCart("c1", "e1", Duration.ZERO);

    engine.advance(Duration.ofMinutes(31));

    assertThat(reasons()).containsExactly(SuppressionReason.UNSUBSCRIBED);
  }

  @Test
  void customerWithAnOpenTicketIsLeftAlone() {
    engine.customer("c1");
    engine.ticket("c1", "t1", at(Duration.ofMinutes(-5)), TicketStatus.OPEN, Sentiment.NEUTRAL);
    abandonCart("c1", "e1", Duration.ZERO);

    engine.advance(Duration.ofMinutes(31));

    assertThat(reasons()).containsExactly(SuppressionReason.ANGRY_CUSTOMER);
  }

  @Test
  void negativeSentimentSuppressesEvenAfterTheTicketClosed() {
    engine.customer("c1");
    engine.ticket("c1", "t1", at(Duration.ofDays(-1)), TicketStatus.CLOSED, Sentiment.NEGATIVE);
    abandonCart("c1", "e1", Duration.ZERO);

    engine.advance(Duration.ofMinutes(31));

    assertThat(reasons()).containsExactly(SuppressionReason.ANGRY_CUSTOMER);
  }

  @Test
  void downVotedProductIsNotOfferedAgain() {
    engine.customer("c1");
    engine.product(EngineDriver.productOf("case").setAccessoryOf(List.of("phone")).build());
    engine.engagement("c1", EngagementType.DOWNVOTED, at(Duration.ofMinutes(-5)), "case");
    engine.order("c1", "o1", at(Duration.ZERO), "phone");

    engine.advance(Duration.ofMinutes(6));

    assertThat(engine.fired()).isEmpty();
    assertThat(reasons()).containsExactly(SuppressionReason.DOWNVOTED);
  }

  @Test
  void thirdEmailOfTheDayHitsTheFrequencyCap() {
    engine.customer("c1");
    engine.product(EngineDriver.productOf("case").setAccessoryOf(List.of("p1")).build());
    engine.cart("c1", "k1", CartEventType.CHECKOUT_STARTED, at(Duration.ZERO), "p1");
    engine.advance(Duration.ofMinutes(21));
    engine.order("c1", "o1", at(Duration.ofMinutes(22)), "p1");
    engine.advance(Duration.ofMinutes(6));
    engine.cart("c1", "k2", CartEventType.ITEM_ADDED, at(Duration.ofMinutes(30)), "p2");

    engine.advance(Duration.ofMinutes(34));

    assertThat(engine.fired()).extracting(UpsellTrigger::getType)
        .containsExactly(TriggerType.CHECKOUT_ABANDONED, TriggerType.POST_PURCHASE_CROSS_SELL);
    assertThat(reasons()).containsExactly(SuppressionReason.FREQUENCY_CAP);
  }

  @Test
  void sameTypeWithinItsCooldownIsRefused() {
    engine.customer("c1");
    engine.cart("c1", "k1", CartEventType.CHECKOUT_STARTED, at(Duration.ZERO), "p1");
    engine.advance(Duration.ofMinutes(21));
    engine.cart("c1", "k2", CartEventType.CHECKOUT_STARTED, at(Duration.ofMinutes(22)), "p1");
    engine.advance(Duration.ofMinutes(21));

    assertThat(engine.fired()).hasSize(1);
    assertThat(reasons()).containsExactly(SuppressionReason.COOLDOWN);
  }

  @Test
  void quietHoursInTheCustomersZoneDelayTheOfferToMorning() {
    engine.customer("c1", true, "Asia/Riyadh");
    // 12:00 UTC + 9h30 = 21:30 UTC = 00:30 in Riyadh (UTC+3): quiet until 08:00 local = 05:00 UTC.
    engine.advance(Duration.ofHours(9));
    engine.usage("c1", "u1", at(Duration.ofMinutes(9 * 60 + 30)), 90, 100);
    assertThat(engine.fired()).isEmpty();

    engine.advance(Duration.ofHours(8));

    assertThat(engine.fired()).singleElement().satisfies(
        t -> assertThat(t.getFiredAt()).isAfterOrEqualTo(Instant.parse("2026-11-24T05:00:00Z")));
    assertThat(engine.suppressed()).isEmpty();
  }

  @Test
  void aDelayIsNoRefusalButTheMorningsRefusalIsPublished() {
    engine.customer("c1", true, "Asia/Riyadh");
    engine.advance(Duration.ofHours(9));
    engine.usage("c1", "u1", at(Duration.ofMinutes(9 * 60 + 30)), 90, 100);
    engine.advance(Duration.ofHours(1));
    assertThat(engine.suppressed()).as("the night's delay is not published").isEmpty();
    // The customer opens an angry ticket during the night: the morning's decision refuses, and says so.
    engine.ticket("c1", "t1", at(Duration.ofMinutes(11 * 60)), TicketStatus.OPEN, Sentiment.NEGATIVE);

    engine.advance(Duration.ofHours(8));

    assertThat(engine.fired()).isEmpty();
    assertThat(reasons()).containsExactly(SuppressionReason.ANGRY_CUSTOMER);
  }

  @Test
  void holdoutIsRecordedAsSuppressedAndNeverPublishedAsTrigger() {
    engine.close();
    engine = new EngineDriver(Map.of("upsell.engine.holdout-percent", "100"));
    engine.customer("c1");

    engine.usage("c1", "u1", at(Duration.ZERO), 90, 100);

    assertThat(engine.fired()).isEmpty();
    assertThat(engine.suppressed()).singleElement().satisfies(s -> {
      assertThat(s.getSuppressionReason()).isEqualTo(SuppressionReason.HOLDOUT);
      assertThat(s.getTrigger().getHoldout()).isTrue();
    });
  }

  @Test
  void eachVariantCarriesItsOffer() {
    for (int i = 0; i < 20; i++) {
      engine.customer("c" + i);
      abandonCart("c" + i, "e" + i, Duration.ZERO);
    }
    engine.advance(Duration.ofMinutes(31));
    List<UpsellTrigger> first = engine.fired();

    assertThat(first).extracting(UpsellTrigger::getVariant).contains("A", "B");
    // Who gets which variant is checked against Kafka's partitioner in ControlGroupShareTest.
    for (UpsellTrigger t : first) {
      if (t.getVariant().equals("A")) {
        assertThat(t.getOffer().getDiscountPercent()).isEqualTo(10);
      } else {
        assertThat(t.getOffer().getDiscountMinor()).isEqualTo(500L);
      }
    }
  }

  @Test
  void shopRulesDisableATriggerAndChangeItsDelayWithoutRestart() {
    engine.customer("c1");
    engine.customer("c2");
    engine.rules(EngineDriver.rulesOf().setEnabledTriggers(List.of(TriggerType.CART_ABANDONED))
        .setSettings(Map.of("CART_ABANDONED.delayMinutes", "45")).build());

    abandonCart("c1", "e1", Duration.ZERO);
    engine.usage("c2", "u1", at(Duration.ZERO), 90, 100);
    engine.advance(Duration.ofMinutes(31));
    assertThat(engine.fired()).isEmpty();
    engine.advance(Duration.ofMinutes(15));

    assertThat(engine.fired()).extracting(UpsellTrigger::getType).containsExactly(TriggerType.CART_ABANDONED);
    assertThat(reasons()).containsExactly(SuppressionReason.DISABLED);
    assertThat(BASE).isNotNull();
  }
}
