package io.upsell.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.notifier.delivery.ChannelChoice.Route;
import io.upsell.notifier.support.Fixtures;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChannelChoiceTest {

  private static io.upsell.schemas.upsell.UpsellTrigger trigger(TriggerType type, ChannelHint hint) {
    return Fixtures.trigger("shop-a", "c-1", type, List.of(), hint);
  }

  @Test
  void shopFlowsGoByEmailAndAppPromptsInAppWithEmailFallback() {
    assertThat(ChannelChoice.route(trigger(TriggerType.CART_ABANDONED, ChannelHint.ANY), Optional.empty()))
        .isEqualTo(Route.EMAIL);
    assertThat(ChannelChoice.route(trigger(TriggerType.STORAGE_NEAR_FULL, ChannelHint.ANY), Optional.empty()))
        .isEqualTo(Route.IN_APP_THEN_EMAIL);
  }

  @Test
  void theHintBeatsTheDefaultAndTheShopRuleBeatsTheHint() {
    assertThat(ChannelChoice.route(trigger(TriggerType.STORAGE_NEAR_FULL, ChannelHint.EMAIL), Optional.empty()))
        .isEqualTo(Route.EMAIL);
    assertThat(ChannelChoice.route(trigger(TriggerType.WIN_BACK, ChannelHint.IN_APP), Optional.empty()))
        .isEqualTo(Route.IN_APP_THEN_EMAIL);
    assertThat(ChannelChoice.route(trigger(TriggerType.WIN_BACK, ChannelHint.EMAIL), Optional.of("none")))
        .isEqualTo(Route.NONE);
    assertThat(ChannelChoice.route(trigger(TriggerType.WIN_BACK, ChannelHint.EMAIL), Optional.of("in-app-only")))
        .isEqualTo(Route.IN_APP);
  }

  @Test
  void emailNeedsAProfileAnAddressConsentAndNoStop() {
    CustomerProfile ok = Fixtures.profileRecord("s", "c", "a@example.com", "A", "en", true);
    assertThat(ChannelChoice.emailRefusal(Optional.of(ok), Optional.empty())).isEmpty();
    assertThat(ChannelChoice.emailRefusal(Optional.empty(), Optional.empty())).contains("no customer profile");
    assertThat(ChannelChoice.emailRefusal(
        Optional.of(Fixtures.profileRecord("s", "c", null, "A", "en", true)), Optional.empty()))
        .contains("no email address");
    assertThat(ChannelChoice.emailRefusal(
        Optional.of(Fixtures.profileRecord("s", "c", "a@example.com", "A", "en", false)), Optional.empty()))
        .contains("no marketing consent");
    assertThat(ChannelChoice.emailRefusal(Optional.of(ok), Optional.of(EngagementType.BOUNCED)))
        .contains("address bounced");
    assertThat(ChannelChoice.emailRefusal(Optional.of(ok), Optional.of(EngagementType.UNSUBSCRIBED)))
        .contains("unsubscribed");
  }

  @Test
  void backoffGrowsExponentiallyWithJitterUpToTheCap() {
    var backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
    for (int i = 0; i < 50; i++) {
      assertThat(backoff.delay(1).toMillis()).isBetween(50L, 100L);
      assertThat(backoff.delay(3).toMillis()).isBetween(200L, 400L);
      assertThat(backoff.delay(10).toMillis()).isBetween(500L, 1000L);
    }
  }
}
