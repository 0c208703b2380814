package io.upsell.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RouteTest {

  @Test
  void emailWhenTheEngineSaysEmail_evenForAnAppPrompt() {
    assertThat(Route.of(trigger(TriggerType.STORAGE_NEAR_FULL, ChannelHint.EMAIL))).isEqualTo(Route.EMAIL);
  }

  @Test
  void inAppOnlyWhenTheEngineSaysInApp_neverEmailedLater() {
    // The engine says IN_APP for a customer without marketing consent: the notifier must not email it after all.
    assertThat(Route.of(trigger(TriggerType.STORAGE_NEAR_FULL, ChannelHint.IN_APP))).isEqualTo(Route.IN_APP);
    assertThat(Route.of(trigger(TriggerType.WIN_BACK, ChannelHint.IN_APP))).isEqualTo(Route.IN_APP);
  }

  @Test
  void anyPutsAccountPromptsInTheAppFirstAndSendsTheRestByEmail() {
    assertThat(Route.of(trigger(TriggerType.STORAGE_NEAR_FULL, ChannelHint.ANY)))
        .isEqualTo(Route.IN_APP_THEN_EMAIL);
    assertThat(Route.of(trigger(TriggerType.CART_ABANDONED, ChannelHint.ANY))).isEqualTo(Route.EMAIL);
  }

  private static UpsellTrigger trigger(TriggerType type, ChannelHint hint) {
    return UpsellTrigger.newBuilder().setShopId("s").setCustomerId("c").setTriggerId("t").setType(type)
        .setReason("test").setOffer(Offer.newBuilder().build()).setChannelHint(hint).setFiredAt(Instant.now()).build();
  }
}
