package io.upsell.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.engine.policy.Decision;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestReportTest {

  private static final Instant AT = Instant.parse("2010-12-06T12:00:00Z");

  @Test
  void countsFiredPerTypeAndVariant() {
    BacktestReport report = new BacktestReport(ZoneOffset.UTC);

    report.add(fired("t1", TriggerType.CART_ABANDONED, "A"), AT.toEpochMilli());
    report.add(fired("t2", TriggerType.CART_ABANDONED, "B"), AT.toEpochMilli());
    report.add(fired("t3", TriggerType.CART_ABANDONED, "B"), AT.toEpochMilli());
    report.add(fired("t4", TriggerType.WIN_BACK, "A"), AT.toEpochMilli());

    assertThat(report.snapshot().firedByTypeAndVariant()).isEqualTo(Map.of(
        "CART_ABANDONED", Map.of("A", 1L, "B", 2L), "WIN_BACK", Map.of("A", 1L)));
  }

  @Test
  void keepsTheFirstTriggersByDueTimeAsSamplesPerType() {
    BacktestReport report = new BacktestReport(ZoneOffset.UTC);
    // Added latest first: the kept ones are the earliest due, whatever the order they were decided in.
    for (int i = BacktestReport.SAMPLES_PER_TYPE + 4; i >= 0; i--) {
      report.add(fired("cart-" + i, TriggerType.CART_ABANDONED, "A", AT.plusSeconds(i)), AT.toEpochMilli());
    }
    report.add(fired("win", TriggerType.WIN_BACK, "A", AT), AT.toEpochMilli());

    var samples = report.snapshot().samplesByType();
    assertThat(samples.get("CART_ABANDONED")).extracting(t -> t.path("triggerId").asText())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, BacktestReport.SAMPLES_PER_TYPE)
            .mapToObj(i -> "cart-" + i).toList());
    assertThat(samples.get("WIN_BACK")).singleElement()
        .satisfies(t -> assertThat(t.path("sourceEventIds").get(0).asText()).isEqualTo("e-win"));
  }

  static Decision fired(String id, TriggerType type, String variant) {
    return fired(id, type, variant, AT);
  }

  static Decision fired(String id, TriggerType type, String variant, Instant due) {
    return new Decision(UpsellTrigger.newBuilder().setShopId("s").setCustomerId("c-" + id).setTriggerId(id)
        .setType(type).setReason("test").setOffer(Offer.newBuilder().build()).setVariant(variant)
        .setSourceEventIds(List.of("e-" + id)).setFiredAt(due).setDueAt(due).build(), null);
  }
}
