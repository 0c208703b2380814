package io.upsell.analytics.stream;

import static io.upsell.analytics.fixtures.Events.delivery;
import static io.upsell.analytics.fixtures.Events.engagement;
import static io.upsell.analytics.fixtures.Events.orderWithCode;
import static io.upsell.analytics.fixtures.Events.trigger;
import static io.upsell.analytics.fixtures.Events.withCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.analytics.kpi.CouponMeasure;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.schemas.analytics.CouponState;
import io.upsell.schemas.notify.Delivery;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The coupon ledger on the real topology: codes issued by triggers, redeemed by the earliest order naming them. */
class CouponLedgerTest {

  private static final String SHOP = "shop-c";
  private static final ZoneId ZONE = ZoneId.of("Europe/London");
  private static final Instant FIRED = LocalDateTime.of(2025, 3, 3, 10, 0).atZone(ZONE).toInstant();
  private static final Instant BOUGHT = FIRED.plusSeconds(3_600);
  private static final String CART_A = TriggerType.CART_ABANDONED + "|A";

  @RegisterExtension
  final TopologyFixture topology = new TopologyFixture(SHOP, ZONE);

  @Test
  void anOrderNamingAnIssuedCodeRedeemsItForItsTriggerTypeAndVariant() {
    issue("c1", "SAVE-AB12", false);

    topology.send(Topics.SHOP_ORDERS, "c1", orderWithCode(SHOP, "c1", "o-1", BOUGHT, 4_500, "save-ab12"));

    CouponState state = topology.coupon("SAVE-AB12");
    assertThat(state.getIssue().getTriggerId()).isEqualTo("t-c1");
    assertThat(state.getRedemption().getOrderId()).isEqualTo("o-1");
    long[] counted = topology.daily(StoreKeys.REDEMPTIONS, BOUGHT, CART_A);
    assertThat(counted[CouponMeasure.REDEEMED.ordinal()]).isEqualTo(1);
    assertThat(counted[CouponMeasure.REDEEMED_REVENUE.ordinal()]).isEqualTo(4_500);
    assertThat(counted[CouponMeasure.BY_OTHER_CUSTOMER.ordinal()]).isZero();
  }

  @Test
  void theEarliestOrderRedeemsACodeAndAnyOtherIsAnAttempt() {
    issue("c1", "SAVE-1", false);

    topology.send(Topics.SHOP_ORDERS, "c1", orderWithCode(SHOP, "c1", "o-late", BOUGHT.plusSeconds(60), 900, "SAVE-1"));
    topology.send(Topics.SHOP_ORDERS, "c1", orderWithCode(SHOP, "c1", "o-early", BOUGHT, 4_000, "SAVE-1"));

    assertThat(topology.coupon("SAVE-1").getRedemption().getOrderId()).isEqualTo("o-early");
    long[] counted = topology.daily(StoreKeys.REDEMPTIONS, BOUGHT, CART_A);
    assertThat(counted[CouponMeasure.REDEEMED.ordinal()]).isEqualTo(1);
    assertThat(counted[CouponMeasure.REDEEMED_REVENUE.ordinal()]).isEqualTo(4_000);
    assertThat(counted[CouponMeasure.ALREADY_REDEEMED.ordinal()]).isEqualTo(1);
  }

  @Test
  void anOrderNamingACodeNoTriggerIssuedIsAnUnknownCodeAttempt() {
    topology.send(Topics.SHOP_ORDERS, "c9", orderWithCode(SHOP, "c9", "o-9", BOUGHT, 2_000, "GUESSED"));

    assertThat(topology.daily(StoreKeys.REDEMPTIONS, BOUGHT, StoreKeys.UNKNOWN_CODE)[CouponMeasure.UNKNOWN_CODE
        .ordinal()]).isEqualTo(1);
    assertThat(topology.daily(StoreKeys.REDEMPTIONS, BOUGHT, CART_A)).isNull();
  }

  @Test
  void anOrderReadBeforeItsCodesTriggerCountsAsARedemptionOnceTheTriggerArrives() {
    topology.send(Topics.SHOP_ORDERS, "c1", orderWithCode(SHOP, "c1", "o-1", BOUGHT, 3_000, "EARLY-1"));

    issue("c1", "EARLY-1", false);

    assertThat(topology.daily(StoreKeys.REDEMPTIONS, BOUGHT, StoreKeys.UNKNOWN_CODE)[CouponMeasure.UNKNOWN_CODE
        .ordinal()]).isZero();
    assertThat(topology.daily(StoreKeys.REDEMPTIONS, BOUGHT, CART_A)[CouponMeasure.REDEEMED.ordinal()]).isEqualTo(1);
  }

  @Test
  void aCodeRedeemedByAnotherCustomerIsRecordedAsSuch() {
    issue("c1", "SHARED-1", false);

    topology.send(Topics.SHOP_ORDERS, "c2", orderWithCode(SHOP, "c2", "o-2", BOUGHT, 1_000, "SHARED-1"));

    assertThat(topology.coupon("SHARED-1").getRedemption().getCustomerId()).isEqualTo("c2");
    assertThat(topology.daily(StoreKeys.REDEMPTIONS, BOUGHT, CART_A)[CouponMeasure.BY_OTHER_CUSTOMER.ordinal()])
        .isEqualTo(1);
  }

  @Test
  void aHoldoutTriggersCodeIsNeverIssued() {
    issue("c3", "HOLD-1", true);
    issue("c3", "SENT-1", false);

    assertThat(topology.coupon("SENT-1")).as("a code sent after it is issued").isNotNull();
    assertThat(topology.coupon("HOLD-1")).isNull();
  }

  @Test
  void aDownVoteCountsUnderItsMessagesTriggerTypeAndVariant() {
    UpsellTrigger trigger = trigger(SHOP, "c4", "t-c4", TriggerType.STORAGE_NEAR_FULL, "B", false, FIRED);
    Delivery delivery = delivery(trigger, "d-c4", DeliveryStatus.SENT, FIRED);
    topology.send(Topics.UPSELL_TRIGGERS, "c4", trigger);
    topology.send(Topics.NOTIFY_DELIVERIES, "c4", delivery);

    topology.send(Topics.ENGAGEMENT_EVENTS, "c4", engagement(delivery, EngagementType.DOWNVOTED, BOUGHT));
    topology.send(Topics.ENGAGEMENT_EVENTS, "c4", engagement(delivery, EngagementType.CLICKED, BOUGHT));

    assertThat(topology.daily(StoreKeys.DOWNVOTES, BOUGHT, TriggerType.STORAGE_NEAR_FULL + "|B")).containsExactly(1);
  }

  private void issue(String customer, String code, boolean holdout) {
    UpsellTrigger trigger = withCode(SHOP, customer, "t-" + customer, TriggerType.CART_ABANDONED, "A", holdout,
        FIRED, code, 10, null, FIRED.plusSeconds(86_400));
    topology.send(Topics.UPSELL_TRIGGERS, customer, trigger);
  }
}
