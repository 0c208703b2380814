package io.upsell.notifier;

import static io.upsell.notifier.support.Fixtures.RECORDS;
import static io.upsell.notifier.support.Fixtures.mailTo;
import static io.upsell.notifier.support.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.upsell.notifier.support.Fixtures;
import io.upsell.notifier.support.MailAndHooks;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.notifier.webhook.WebhookChannel;
import io.upsell.schemas.analytics.KpiReport;
import io.upsell.schemas.analytics.ReportPeriod;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.DeliveryStatus;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
@QuarkusTestResource(MailAndHooks.class)
class ShopChannelsTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void aShopsWebhookGetsTheSignedTriggerAndIsRetriedAfterA500() throws Exception {
    // Given shop B has a webhook URL whose first call answers 500
    UpsellTrigger trigger = Fixtures.trigger(TestShops.SHOP_B, unique("c"), TriggerType.REPLENISHMENT_DUE,
        List.of("p-1"), ChannelHint.ANY);
    String deliveryId = DeliveryRef.idOf(trigger.getTriggerId(), DeliveryChannel.WEBHOOK);

    // When a trigger of shop B fires
    Fixtures.send(trigger);

    // Then the webhook is called again after the 500, each call signed over its timestamp and body
    var sent = RECORDS.await(Topics.NOTIFY_DELIVERIES, r -> r.value().getTriggerId().equals(trigger.getTriggerId())
        && r.value().getChannel() == DeliveryChannel.WEBHOOK, 1, WAIT);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).value().getStatus()).isEqualTo(DeliveryStatus.SENT);
    var calls = MailAndHooks.HOOK_CALLS.stream().filter(c -> deliveryId.equals(c.delivery())).toList();
    assertThat(calls).extracting(MailAndHooks.HookCall::answered).containsExactly(500, 204);
    for (var call : calls) {
      assertThat(call.body()).contains("\"triggerId\":\"" + trigger.getTriggerId() + "\"");
      long t = Long.parseLong(call.signature().replaceAll("^t=(\\d+),.*$", "$1"));
      assertThat(call.signature()).isEqualTo(WebhookChannel.signature(TestShops.SHOP_B_WEBHOOK_SECRET, t, call.body()));
    }
  }

  @Test
  void aKpiReportIsMailedToTheShopOwner() throws Exception {
    String owner = unique("owner") + "@example.com";
    var report = KpiReport.newBuilder().setShopId(TestShops.SHOP_A).setReportId(unique("r"))
        .setPeriod(ReportPeriod.WEEK).setPeriodStart(LocalDate.parse("2026-11-16"))
        .setPeriodEnd(LocalDate.parse("2026-11-23")).setCurrency("GBP").setRecipient(owner)
        .setFigures(Map.of("grossRevenueMinor", 123456L, "orders", 42L, "conversionRate", 315L))
        .setGeneratedAt(Instant.now()).build();

    RECORDS.send(Topics.ANALYTICS_REPORTS, TestShops.SHOP_A, report, System.currentTimeMillis());

    var mail = mailTo(owner, 1, WAIT);
    assertThat(mail).hasSize(1);
    assertThat(mail.get(0).getSubject()).isEqualTo("Your weekly report for Shop A");
    assertThat(EmailDeliveryTest.part(mail.get(0), "text/html")).contains("Gross revenue").contains("£1,234.56")
        .contains("3.15%").contains("42");
  }
}
