package io.upsell.deploy.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The estimate from a fixed lift answer, shaped as analytics' GET /v1/shops/{id}/lift gives it. */
class LiftEarningsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  // CART_ABANDONED A: treated customers earned 125.5 minor units more than holdout ones, 95% interval 40.25 to
  // 210.75. CART_ABANDONED B was sent but no holdout customer of the type entered; WIN_BACK A not measured at all.
  static final String LIFT = """
      {"shopId":"demo","from":"2026-11-07","to":"2026-12-08","variants":[
       {"triggerType":"CART_ABANDONED","variant":"A","treated":{"customers":400},"control":{"customers":40},
        "revenuePerCustomerLift":{"difference":125.5,"ci95Low":40.25,"ci95High":210.75,"relative":0.3}},
       {"triggerType":"CART_ABANDONED","variant":"B","treated":{"customers":380},"control":{"customers":0},
        "revenuePerCustomerLift":{"difference":null,"ci95Low":null,"ci95High":null,"relative":null}}]}""";

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void estimatesRevenueFromMeasuredLift() {
    List<LiftEarnings.Row> rows = LiftEarnings.of(json("{\"CART_ABANDONED\":{\"A\":10}}"), json(LIFT));

    assertThat(rows).hasSize(1);
    LiftEarnings.Row row = rows.get(0);
    assertThat(row.perSend()).contains(new LiftEarnings.PerSend(125.5, 40.25, 210.75));
    // 10 sends: 1255 (402.5 rounds to 403, 2107.5 to 2108)
    assertThat(row.perSend().orElseThrow().times(row.fired())).isEqualTo(new LiftEarnings.Money(1255, 403, 2108));
  }

  @Test
  void noEvidenceWithoutHoldout() {
    List<LiftEarnings.Row> rows = LiftEarnings.of(json("{\"CART_ABANDONED\":{\"B\":7},\"WIN_BACK\":{\"A\":3}}"),
        json(LIFT));

    assertThat(rows).extracting(LiftEarnings.Row::type, LiftEarnings.Row::variant, LiftEarnings.Row::fired,
        LiftEarnings.Row::perSend).containsExactly(
        org.assertj.core.groups.Tuple.tuple("CART_ABANDONED", "B", 7L, Optional.empty()),
        org.assertj.core.groups.Tuple.tuple("WIN_BACK", "A", 3L, Optional.empty()));
  }

  @Test
  void fewerSendsKeepTheIntervalInOrder() {
    assertThat(new LiftEarnings.PerSend(125.5, 40.25, 210.75).times(-2))
        .isEqualTo(new LiftEarnings.Money(-251, -421, -80));
  }
}
