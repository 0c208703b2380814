package io.upsell.deploy.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * "What it would have earned": per trigger type and variant, {@link LiftEarnings} as a Markdown table with the
 * assumption above it, for one report or two side by side. Amounts are whole minor units of the shop's currency.
 */
final class EarningsTable {

  static final String NO_EVIDENCE = "no evidence yet";

  private EarningsTable() {}

  /** The shop's lift answer and its currency, as analytics gave them. */
  record MeasuredLift(JsonNode lift, String currency) {}

  static void print(JsonNode report, MeasuredLift measured, PrintStream out) {
    assumption(measured, out);
    out.println("| would have earned | variant | fired | per send | total | 95% interval |");
    out.println("| --- | --- | ---: | ---: | ---: | --- |");
    List<LiftEarnings.Row> rows = LiftEarnings.of(report.path("firedByTypeAndVariant"), measured.lift());
    if (rows.isEmpty()) {
      out.println("| (none) | | 0 | | 0 | |");
    }
    for (LiftEarnings.Row row : rows) {
      out.printf("| %s | %s | %d | %s |%n", row.type(), row.variant(), row.fired(), row.perSend()
          .map(p -> Math.round(p.minor()) + " | " + total(p.times(row.fired())))
          .orElse(NO_EVIDENCE + " | |"));
    }
  }

  /** A and B of one comparison, each row with B - A: the difference in sends times the same per-send lift. */
  static void compare(JsonNode a, JsonNode b, MeasuredLift measured, PrintStream out) {
    assumption(measured, out);
    out.println("| would have earned | variant | A | B | B - A |");
    out.println("| --- | --- | --- | --- | --- |");
    Map<String, LiftEarnings.Row> left = byKey(LiftEarnings.of(a.path("firedByTypeAndVariant"), measured.lift()));
    Map<String, LiftEarnings.Row> right = byKey(LiftEarnings.of(b.path("firedByTypeAndVariant"), measured.lift()));
    Map<String, String[]> keys = new TreeMap<>();
    left.forEach((k, row) -> keys.put(k, new String[] {row.type(), row.variant()}));
    right.forEach((k, row) -> keys.put(k, new String[] {row.type(), row.variant()}));
    if (keys.isEmpty()) {
      out.println("| (none) | | 0 | 0 | 0 |");
    }
    keys.forEach((key, typeAndVariant) -> {
      long firedA = Optional.ofNullable(left.get(key)).map(LiftEarnings.Row::fired).orElse(0L);
      long firedB = Optional.ofNullable(right.get(key)).map(LiftEarnings.Row::fired).orElse(0L);
      Optional<LiftEarnings.PerSend> perSend = LiftEarnings.perSend(measured.lift(), typeAndVariant[0],
          typeAndVariant[1]);
      out.printf("| %s | %s | %s | %s | %s |%n", typeAndVariant[0], typeAndVariant[1], cell(perSend, firedA),
          cell(perSend, firedB), cell(perSend, firedB - firedA));
    });
  }

  private static void assumption(MeasuredLift measured, PrintStream out) {
    out.printf("What it would have earned, in %s minor units. Assumption: each send earns what a treated customer of"
        + " its trigger type and variant earned more than a holdout customer of that type in the shop's measured lift"
        + " from %s to %s (revenue per customer, treated - holdout); the interval is that lift's 95%% interval times"
        + " the sends. A customer sent twice counts twice. \"%s\": the shop has no holdout comparison for that type"
        + " and variant in that period.%n%n", measured.currency(), measured.lift().path("from").asText(),
        measured.lift().path("to").asText(), NO_EVIDENCE);
  }

  private static String cell(Optional<LiftEarnings.PerSend> perSend, long sends) {
    return perSend.map(p -> {
      LiftEarnings.Money m = p.times(sends);
      return "%d (%d to %d)".formatted(m.minor(), m.low(), m.high());
    }).orElse(NO_EVIDENCE);
  }

  private static String total(LiftEarnings.Money money) {
    return money.minor() + " | " + money.low() + " to " + money.high();
  }

  private static Map<String, LiftEarnings.Row> byKey(List<LiftEarnings.Row> rows) {
    Map<String, LiftEarnings.Row> map = new LinkedHashMap<>();
    rows.forEach(row -> map.put(row.type() + " " + row.variant(), row));
    return map;
  }
}
