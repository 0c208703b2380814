package io.upsell.engine.triggers;

import static io.upsell.engine.testing.EngineDriver.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.upsell.engine.policy.Decider;
import io.upsell.engine.testing.EngineDriver;
import io.upsell.schemas.shop.CartEventType;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CartAbandonedTriggerTest {

  private EngineDriver engine;

  @BeforeEach
  void start() {
    engine = new EngineDriver();
    engine.customer("c1");
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void firesReminderThirtyMinutesAfterLastCartActivity() {
    engine.cart("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");

    engine.advance(Duration.ofMinutes(29));
    assertThat(engine.fired()).isEmpty();
    engine.advance(Duration.ofMinutes(2));

    assertThat(engine.fired()).singleElement().satisfies(t -> {
      assertThat(t.getType()).isEqualTo(TriggerType.CART_ABANDONED);
      assertThat(t.getStep()).isEqualTo(1);
      assertThat(t.getOffer().getProductIds()).containsExactly("p1");
      assertThat(t.getSourceEventIds()).containsExactly("e1");
      assertThat(t.getVariant()).isIn("A", "B");
    });
  }

  @Test
  void firesScarcityStepAfterTwentyFourHours() {
    engine.cart("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");

    engine.advance(Duration.ofHours(25));

    assertThat(engine.fired()).extracting(UpsellTrigger::getStep).containsExactly(1, 2);
  }

  @Test
  void doesNotFireForAnEmptyCart() {
    engine.cart("c1", "e1", CartEventType.ITEM_REMOVED, at(Duration.ZERO));

    engine.advance(Duration.ofHours(25));

    assertThat(engine.fired()).isEmpty();
  }

  @Test
  void offersEveryProductAddedOneByOneBySourceSendingOnlyTheChange() {
    engine.cartChange("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");
    engine.cartChange("c1", "e2", CartEventType.ITEM_ADDED, at(Duration.ofMinutes(1)), "p2");

    engine.advance(Duration.ofMinutes(32));

    assertThat(engine.fired()).singleElement()
        .satisfies(t -> assertThat(t.getOffer().getProductIds()).containsExactly("p1", "p2"));
  }

  @Test
  void doesNotOfferAProductTheCustomerRemovedWhenTheSourceSendsOnlyTheChange() {
    engine.cart("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1", "p2");
    engine.cartChange("c1", "e2", CartEventType.ITEM_REMOVED, at(Duration.ofMinutes(1)), "p1");

    engine.advance(Duration.ofMinutes(32));

    assertThat(engine.fired()).singleElement()
        .satisfies(t -> assertThat(t.getOffer().getProductIds()).containsExactly("p2"));
  }

  @Test
  void doesNotFireWhenTheLastProductIsRemovedBySourceSendingOnlyTheChange() {
    engine.cartChange("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");
    engine.cartChange("c1", "e2", CartEventType.ITEM_REMOVED, at(Duration.ofMinutes(1)), "p1");

    engine.advance(Duration.ofHours(25));

    assertThat(engine.fired()).isEmpty();
  }

  @Test
  void firesOnceWhenTheSameCartEventIsDeliveredTwice() {
    engine.cart("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");
    engine.cart("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");

    engine.advance(Duration.ofMinutes(31));
    engine.advance(Duration.ofMinutes(31));

    assertThat(engine.fired()).hasSize(1);
  }

  @Test
  void isCancelledByAnOrder() {
    engine.cart("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");
    engine.order("c1", "o1", at(Duration.ofMinutes(10)), "p1");

    engine.advance(Duration.ofHours(25));

    assertThat(engine.fired()).isEmpty();
  }

  @Test
  void isCancelledByAnOrderReadLaterFromTheSameBacklog() {
    engine.advance(Duration.ofHours(2)); // the engine was down: the cart and the order a minute later wait in Kafka
    engine.cart("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");
    engine.order("c1", "o1", at(Duration.ofMinutes(1)), "p1");

    engine.advance(Duration.ofSeconds(5));
    engine.advance(Duration.ofSeconds(5)); // the input has gone quiet: the reminder, long due, is judged now

    assertThat(engine.fired()).isEmpty();
  }

  @Test
  void firesForAnIdleCartReadFromABacklogOnceTheBacklogIsRead() {
    engine.advance(Duration.ofHours(2));
    engine.cart("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");

    engine.advance(Duration.ofSeconds(5));
    engine.advance(Duration.ofSeconds(5));

    assertThat(engine.fired()).extracting(UpsellTrigger::getStep).as("the scarcity step is due in 22 h")
        .containsExactly(1);
  }

  @Test
  void newerCartActivityRestartsTheWait() {
    engine.cart("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");
    engine.cart("c1", "e2", CartEventType.ITEM_ADDED, at(Duration.ofMinutes(20)), "p1", "p2");

    engine.advance(Duration.ofMinutes(31));
    assertThat(engine.fired()).isEmpty();
    engine.advance(Duration.ofMinutes(20));

    assertThat(engine.fired()).singleElement()
        .satisfies(t -> assertThat(t.getSourceEventIds()).containsExactly("e2"));
  }

  @Test
  void aCartBuiltInFiveStepsKeepsOnePairOfTimers() {
    for (int step = 0; step < 5; step++) {
      engine.cart("c1", "e" + step, CartEventType.ITEM_ADDED, at(Duration.ofMinutes(step)), "p1");
    }

    try (var timers = engine.driver().<String, UpsellTrigger>getKeyValueStore(Decider.TIMERS).all()) {
      assertThat(timers).toIterable().extracting(kv -> kv.value.getSourceEventIds())
          .as("the first event's reminder and scarcity step, to be moved on when they come due")
          .containsExactlyInAnyOrder(List.of("e0"), List.of("e0"));
    }
  }

  @Test
  void bothStepsMoveOnToTheLatestCartActivity() {
    engine.cart("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");
    engine.cart("c1", "e2", CartEventType.ITEM_ADDED, at(Duration.ofMinutes(20)), "p1", "p2");

    engine.advance(Duration.ofMinutes(51));
    engine.advance(Duration.ofHours(24));

    assertThat(engine.fired()).extracting(UpsellTrigger::getStep, t -> t.getSourceEventIds().get(0),
        t -> t.getOffer().getProductIds()).containsExactly(tuple(1, "e2", List.of("p1", "p2")),
        tuple(2, "e2", List.of("p1", "p2")));
  }

  @Test
  void aCheckoutWhileTheReminderIsPendingCancelsItAndLeavesNothingToMoveOn() {
    engine.cart("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");
    engine.cart("c1", "e2", CartEventType.CHECKOUT_STARTED, at(Duration.ofMinutes(10)), "p1");

    engine.advance(Duration.ofHours(25));

    assertThat(engine.fired()).filteredOn(t -> t.getType() == TriggerType.CART_ABANDONED).isEmpty();
  }

  @Test
  void lateOlderCartEventDoesNotReplaceTheNewerCartAndLateOlderOrderDoesNotCancelIt() {
    engine.cart("c1", "e2", CartEventType.ITEM_ADDED, at(Duration.ofMinutes(5)), "p1", "p2");
    engine.cart("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");
    engine.order("c1", "o-old", at(Duration.ofMinutes(1)), "p9");

    engine.advance(Duration.ofMinutes(40));

    assertThat(engine.fired()).singleElement().satisfies(t -> {
      assertThat(t.getSourceEventIds()).containsExactly("e2");
      assertThat(t.getOffer().getProductIds()).containsExactly("p1", "p2");
    });
  }

  @Test
  void pendingReminderSurvivesARestart() {
    engine.cart("c1", "e1", CartEventType.ITEM_ADDED, at(Duration.ZERO), "p1");
    engine.advance(Duration.ofMinutes(10));

    engine = engine.restart();
    engine.advance(Duration.ofMinutes(21));

    assertThat(engine.fired()).singleElement()
        .satisfies(t -> assertThat(t.getType()).isEqualTo(TriggerType.CART_ABANDONED));
  }
}
