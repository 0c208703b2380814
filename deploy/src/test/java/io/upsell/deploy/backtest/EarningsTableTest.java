package io.upsell.deploy.backtest;

import static io.upsell.deploy.backtest.LiftEarningsTest.LIFT;
import static io.upsell.deploy.backtest.LiftEarningsTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class EarningsTableTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final EarningsTable.MeasuredLift measured = new EarningsTable.MeasuredLift(json(LIFT), "GBP");

  @Test
  void printsWhatItWouldHaveEarnedUnderItsAssumption() {
    EarningsTable.print(json("{\"firedByTypeAndVariant\":{\"CART_ABANDONED\":{\"A\":10,\"B\":7}}}"), measured,
        new PrintStream(out, true));

    String text = out.toString();
    assertThat(text).contains("in GBP minor units", "measured lift from 2026-11-07 to 2026-12-08",
        "| CART_ABANDONED | A | 10 | 126 | 1255 | 403 to 2108 |", "| CART_ABANDONED | B | 7 | no evidence yet | | |");
    assertThat(text.indexOf("Assumption")).isLessThan(text.indexOf("| would have earned |"));
  }

  @Test
  void comparesWhatEachRuleSetWouldHaveEarned() {
    EarningsTable.compare(json("{\"firedByTypeAndVariant\":{\"CART_ABANDONED\":{\"A\":10}}}"),
        json("{\"firedByTypeAndVariant\":{\"CART_ABANDONED\":{\"A\":6,\"B\":2}}}"), measured,
        new PrintStream(out, true));

    assertThat(out.toString()).contains("| would have earned | variant | A | B | B - A |",
        "| CART_ABANDONED | A | 1255 (403 to 2108) | 753 (242 to 1265) | -502 (-843 to -161) |",
        "| CART_ABANDONED | B | no evidence yet | no evidence yet | no evidence yet |");
  }
}
