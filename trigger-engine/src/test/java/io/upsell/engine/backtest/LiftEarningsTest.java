package io.upsell.engine.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsell.schemas.upsell.TriggerType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The estimate from a fixed lift answer, shaped as analytics' GET /v1/shops/{id}/lift gives it. */
class LiftEarningsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  // CART_ABANDONED A: treated customers earned 125.5 minor units more than holdout ones, 95% interval 40.25 to
  // 210.75. CART_ABANDONED B was sent but no holdout customer of the type entered; WIN_BACK A not measured at all.
  public static final String LIFT = """
      {"shopId":"demo","from":"2026-11-07","to":"2026-12-08","variants":[
       {"triggerType":"CART_ABANDONED","variant":"A","treated":{"customers":400},"control":{"customers":40},
        "revenuePerCustomerLift":{"difference":125.5,"ci95Low":40.25,"ci95High":210.75,"relative":0.3}},
       {"triggerType":"CART_ABANDONED","variant":"B","treated":{"customers":380},"control":{"customers":0},
        "revenuePerCustomerLift":{"difference":null,"ci95Low":null,"ci95High":null,"relative":null}}]}""";
  private static final MeasuredLift MEASURED = new MeasuredLift(json(LIFT), "GBP", null);

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void estimatesRevenueFromMeasuredLift() {
    List<LiftEarnings.Row> rows = LiftEarnings.rows(Map.of("CART_ABANDONED", Map.of("A", 10L)), json(LIFT));

    assertThat(rows).hasSize(1);
    LiftEarnings.Row row = rows.get(0);
    assertThat(row.perSend()).isEqualTo(new LiftEarnings.PerSend(125.5, 40.25, 210.75));
    // 10 sends: 1255 (402.5 rounds to 403, 2107.5 to 2108)
    assertThat(row.total()).isEqualTo(new LiftEarnings.Money(1255, 403, 2108));
    assertThat(row.note()).isNull();
  }

  @Test
  void noEvidenceWithoutHoldout() {
    List<LiftEarnings.Row> rows = LiftEarnings.rows(new java.util.TreeMap<>(Map.of("CART_ABANDONED",
        Map.of("B", 7L), "WIN_BACK", Map.of("A", 3L))), json(LIFT));

    assertThat(rows).extracting(LiftEarnings.Row::type, LiftEarnings.Row::variant, LiftEarnings.Row::fired,
        LiftEarnings.Row::perSend, LiftEarnings.Row::note).containsExactly(
        tuple("CART_ABANDONED", "B", 7L, null, LiftEarnings.NO_EVIDENCE),
        tuple("WIN_BACK", "A", 3L, null, LiftEarnings.NO_EVIDENCE));
  }

  @Test
  void fewerSendsKeepTheIntervalInOrder() {
    assertThat(new LiftEarnings.PerSend(125.5, 40.25, 210.75).times(-2))
        .isEqualTo(new LiftEarnings.Money(-251, -421, -80));
  }

  @Test
  void theJobsJsonCarriesTheEstimateOnceDoneAndTheDifferenceOfACompare() {
    BacktestJob job = new BacktestJob("j", "demo", Instant.EPOCH, Instant.EPOCH.plusSeconds(86_400), false,
        report(Map.of("A", 10L)), report(Map.of("A", 6L, "B", 2L)));
    job.lift(MEASURED);
    assertThat(job.view().earnings()).as("not before the job is done").isNull();

    job.status(BacktestJob.Status.DONE);
    LiftEarnings.Earnings earnings = job.view().earnings();

    assertThat(earnings.currency()).isEqualTo("GBP");
    assertThat(earnings.assumption()).contains("measured lift from 2026-11-07 to 2026-12-08", "95% interval");
    assertThat(earnings.rows()).extracting(LiftEarnings.Row::variant, LiftEarnings.Row::total)
        .containsExactly(tuple("A", new LiftEarnings.Money(1255, 403, 2108)));
    assertThat(earnings.against()).extracting(LiftEarnings.Row::variant, LiftEarnings.Row::total)
        .containsExactly(tuple("A", new LiftEarnings.Money(753, 242, 1265)), tuple("B", null));
    assertThat(earnings.difference()).extracting(LiftEarnings.Row::variant, LiftEarnings.Row::fired,
        LiftEarnings.Row::total, LiftEarnings.Row::note).containsExactly(
        tuple("A", -4L, new LiftEarnings.Money(-502, -843, -161), null),
        tuple("B", 2L, null, LiftEarnings.NO_EVIDENCE));
  }

  @Test
  void withoutTheLiftTheJobSaysWhy() {
    BacktestJob job = new BacktestJob("j", "demo", Instant.EPOCH, Instant.EPOCH.plusSeconds(86_400), false,
        report(Map.of("A", 1L)));
    job.lift(new MeasuredLift(null, "GBP", "analytics answered 503: unavailable"));
    job.status(BacktestJob.Status.DONE);

    assertThat(job.view().earnings().unavailable()).isEqualTo("analytics answered 503: unavailable");
    assertThat(job.view().earnings().rows()).isEmpty();
  }

  // A report whose only fired triggers are cart reminders, so many per variant.
  private static BacktestReport report(Map<String, Long> variants) {
    BacktestReport report = new BacktestReport(ZoneOffset.UTC);
    variants.forEach((variant, count) -> {
      for (long i = 0; i < count; i++) {
        report.add(BacktestReportTest.fired(variant + i, TriggerType.CART_ABANDONED, variant), 0L);
      }
    });
    return report;
  }
}
