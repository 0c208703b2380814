package io.upsell.deploy.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * "What it would have earned", as the engine's job estimated it ({@code earnings}: per trigger type and variant,
 * the sends times the shop's measured lift, with its 95% interval): a Markdown table with the assumption above it,
 * for one report or two side by side. Amounts are whole minor units of the shop's currency.
 */
final class EarningsTable {

  static final String NO_EVIDENCE = "no evidence yet";

  private EarningsTable() {}

  /** Whether the job carries an estimate (the engine had the shop's lift). */
  static boolean estimated(JsonNode earnings) {
    return earnings.path("rows").isArray() && !earnings.hasNonNull("unavailable");
  }

  static void print(JsonNode earnings, PrintStream out) {
    if (!estimated(earnings)) {
      out.printf("What it would have earned: not estimated, %s%n", earnings.hasNonNull("unavailable")
          ? earnings.path("unavailable").asText() : "the engine gave no estimate");
      return;
    }
    assumption(earnings, out);
    out.println("| would have earned | variant | fired | per send | total | 95% interval |");
    out.println("| --- | --- | ---: | ---: | ---: | --- |");
    if (earnings.path("rows").isEmpty()) {
      out.println("| (none) | | 0 | | 0 | |");
    }
    for (JsonNode row : earnings.path("rows")) {
      out.printf("| %s | %s | %d | %s |%n", row.path("type").asText(), row.path("variant").asText(),
          row.path("fired").asLong(), row.hasNonNull("perSend")
              ? Math.round(row.path("perSend").path("minor").asDouble()) + " | " + row.path("total").path("minor")
                  .asLong() + " | " + row.path("total").path("low").asLong() + " to "
                  + row.path("total").path("high").asLong()
              : note(row) + " | |");
    }
  }

  /** A and B of one comparison, each row with B - A: the difference in sends times the same per-send lift. */
  static void compare(JsonNode earnings, PrintStream out) {
    assumption(earnings, out);
    out.println("| would have earned | variant | A | B | B - A |");
    out.println("| --- | --- | --- | --- | --- |");
    Map<String, JsonNode> a = byKey(earnings.path("rows"));
    Map<String, JsonNode> b = byKey(earnings.path("against"));
    Map<String, JsonNode> difference = byKey(earnings.path("difference"));
    if (difference.isEmpty()) {
      out.println("| (none) | | 0 | 0 | 0 |");
    }
    difference.forEach((key, row) -> out.printf("| %s | %s | %s | %s | %s |%n", row.path("type").asText(),
        row.path("variant").asText(), cell(a.getOrDefault(key, row), a.containsKey(key)),
        cell(b.getOrDefault(key, row), b.containsKey(key)), cell(row, true)));
  }

  private static void assumption(JsonNode earnings, PrintStream out) {
    out.printf("What it would have earned, in %s minor units. Assumption: %s%n%n",
        earnings.path("currency").asText(), earnings.path("assumption").asText());
  }

  // A side without the row sent none: zero of the same per-send lift, or no evidence where there is none.
  private static String cell(JsonNode row, boolean sent) {
    if (!row.hasNonNull("total")) {
      return note(row);
    }
    if (!sent) {
      return "0 (0 to 0)";
    }
    JsonNode total = row.path("total");
    return "%d (%d to %d)".formatted(total.path("minor").asLong(), total.path("low").asLong(),
        total.path("high").asLong());
  }

  private static String note(JsonNode row) {
    return row.hasNonNull("note") ? row.path("note").asText() : NO_EVIDENCE;
  }

  private static Map<String, JsonNode> byKey(JsonNode rows) {
    Map<String, JsonNode> map = new TreeMap<>();
    rows.forEach(row -> map.put(row.path("type").asText() + " " + row.path("variant").asText(), row));
    return new LinkedHashMap<>(map);
  }
}
