package io.upsell.deploy.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** The engine's estimate (the job's {@code earnings}) as the CLI prints it. */
class EarningsTableTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MEASURED = "{\"minor\":125.5,\"low\":40.25,\"high\":210.75}";
  private static final String NONE = ",\"perSend\":null,\"total\":null,\"note\":\"no evidence yet\"}";
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void printsWhatItWouldHaveEarnedUnderItsAssumption() {
    EarningsTable.print(json("{\"currency\":\"GBP\",\"assumption\":\"as measured from 2026-11-07 to 2026-12-08\","
        + "\"unavailable\":null,\"rows\":[{\"type\":\"CART_ABANDONED\",\"variant\":\"A\",\"fired\":10,\"perSend\":"
        + MEASURED + ",\"total\":{\"minor\":1255,\"low\":403,\"high\":2108}},"
        + "{\"type\":\"CART_ABANDONED\",\"variant\":\"B\",\"fired\":7" + NONE + "]}"), new PrintStream(out, true));

    String text = out.toString();
    assertThat(text).contains("in GBP minor units. Assumption: as measured from 2026-11-07 to 2026-12-08",
        "| CART_ABANDONED | A | 10 | 126 | 1255 | 403 to 2108 |", "| CART_ABANDONED | B | 7 | no evidence yet | | |");
    assertThat(text.indexOf("Assumption")).isLessThan(text.indexOf("| would have earned |"));
  }

  @Test
  void comparesWhatEachRuleSetWouldHaveEarned() {
    EarningsTable.compare(json("{\"currency\":\"GBP\",\"assumption\":\"a\",\"rows\":["
        + "{\"type\":\"CART_ABANDONED\",\"variant\":\"A\",\"fired\":10,\"perSend\":" + MEASURED
        + ",\"total\":{\"minor\":1255,\"low\":403,\"high\":2108}}],"
        + "\"against\":[{\"type\":\"CART_ABANDONED\",\"variant\":\"A\",\"fired\":6,\"perSend\":" + MEASURED
        + ",\"total\":{\"minor\":753,\"low\":242,\"high\":1265}},"
        + "{\"type\":\"CART_ABANDONED\",\"variant\":\"B\",\"fired\":2" + NONE + "],"
        + "\"difference\":[{\"type\":\"CART_ABANDONED\",\"variant\":\"A\",\"fired\":-4,\"perSend\":" + MEASURED
        + ",\"total\":{\"minor\":-502,\"low\":-843,\"high\":-161}},"
        + "{\"type\":\"CART_ABANDONED\",\"variant\":\"B\",\"fired\":2" + NONE + "]}"), new PrintStream(out, true));

    assertThat(out.toString()).contains("| would have earned | variant | A | B | B - A |",
        "| CART_ABANDONED | A | 1255 (403 to 2108) | 753 (242 to 1265) | -502 (-843 to -161) |",
        "| CART_ABANDONED | B | no evidence yet | no evidence yet | no evidence yet |");
  }

  @Test
  void withoutAnEstimateSaysWhy() {
    EarningsTable.print(json("{\"currency\":\"GBP\",\"unavailable\":\"analytics answered 401: unknown key\","
        + "\"rows\":[]}"), new PrintStream(out, true));

    assertThat(out.toString()).contains("What it would have earned: not estimated, analytics answered 401: unknown key")
        .doesNotContain("| would have earned |");
  }
}
