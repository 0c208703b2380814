package io.upsell.engine.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a backtest's sends would have earned by the shop's own measured lift (analytics' {@code GET
 * /v1/shops/{id}/lift}): per trigger type and variant, the sends times the lift's revenue per customer of treated
 * minus holdout customers of that type, and its 95% interval times the sends. Revenue per customer is used rather
 * than conversion lift times an order value because it already holds both (who bought, and how much) and the lift
 * answer gives its interval from the revenues' own variance; a product of two estimates would have none.
 */
public final class LiftEarnings {

  /** Said of a type and variant the shop has no holdout comparison for. */
  public static final String NO_EVIDENCE = "no evidence yet";

  private LiftEarnings() {}

  /** Incremental revenue of one send, minor units: the lift's estimate and its 95% interval. */
  public record PerSend(double minor, double low, double high) {

    /** The same for {@code sends} sends, rounded to whole minor units; low ≤ high also for a negative count. */
    public Money times(long sends) {
      long a = Math.round(low * sends);
      long b = Math.round(high * sends);
      return new Money(Math.round(minor * sends), Math.min(a, b), Math.max(a, b));
    }
  }

  /** An amount in minor units of the shop's currency, with its 95% interval. */
  public record Money(long minor, long low, long high) {}

  /**
   * One trigger type and variant: its sends and, where the shop has holdout data for it, what one send and all of
   * them would have earned ({@code perSend} and {@code total} null and {@code note} {@value #NO_EVIDENCE} otherwise).
   */
  public record Row(String type, String variant, long fired, PerSend perSend, Money total, String note) {

    static Row of(String type, String variant, long fired, Optional<PerSend> perSend) {
      return new Row(type, variant, fired, perSend.orElse(null), perSend.map(p -> p.times(fired)).orElse(null),
          perSend.isPresent() ? null : NO_EVIDENCE);
    }
  }

  /**
   * The estimate a backtest's JSON carries: the assumption it rests on, and rows for the report, for the rules
   * compared with and for their difference (B - A: the difference in sends times the same per-send lift) when the
   * job compares two rule sets. Without a lift answer only {@code unavailable} says why.
   */
  public record Earnings(String currency, String liftFrom, String liftTo, String assumption, String unavailable,
      List<Row> rows, List<Row> against, List<Row> difference) {}

  /** The estimate for {@code report} (and {@code against}, or null) by {@code measured}. */
  static Earnings of(MeasuredLift measured, BacktestReport.Snapshot report, BacktestReport.Snapshot against) {
    if (measured.lift() == null) {
      return new Earnings(measured.currency(), null, null, null, measured.unavailable(), List.of(), null, null);
    }
    JsonNode lift = measured.lift();
    List<Row> rows = rows(report.firedByTypeAndVariant(), lift);
    List<Row> other = against == null ? null : rows(against.firedByTypeAndVariant(), lift);
    return new Earnings(measured.currency(), lift.path("from").asText(), lift.path("to").asText(),
        assumption(measured), null, rows, other, other == null ? null : difference(rows, other, lift));
  }

  /** Rows in the report's order (type, then variant), each with the lift of its own type and variant. */
  static List<Row> rows(Map<String, Map<String, Long>> firedByTypeAndVariant, JsonNode lift) {
    List<Row> rows = new ArrayList<>();
    firedByTypeAndVariant.forEach((type, variants) -> variants.forEach((variant, fired) ->
        rows.add(Row.of(type, variant, fired, perSend(lift, type, variant)))));
    return rows;
  }

  static Optional<PerSend> perSend(JsonNode lift, String type, String variant) {
    for (JsonNode v : lift.path("variants")) {
      if (v.path("triggerType").asText().equals(type) && v.path("variant").asText().equals(variant)) {
        JsonNode revenue = v.path("revenuePerCustomerLift");
        boolean measured = v.path("treated").path("customers").asLong() > 0
            && v.path("control").path("customers").asLong() > 0 && revenue.path("difference").isNumber()
            && revenue.path("ci95Low").isNumber() && revenue.path("ci95High").isNumber();
        return measured ? Optional.of(new PerSend(revenue.path("difference").asDouble(),
            revenue.path("ci95Low").asDouble(), revenue.path("ci95High").asDouble())) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  // Every type and variant of either side, sorted; one side's missing row counts as no sends.
  private static List<Row> difference(List<Row> a, List<Row> b, JsonNode lift) {
    Map<String, long[]> fired = new TreeMap<>();
    a.forEach(row -> fired.computeIfAbsent(row.type() + " " + row.variant(), k -> new long[2])[0] = row.fired());
    b.forEach(row -> fired.computeIfAbsent(row.type() + " " + row.variant(), k -> new long[2])[1] = row.fired());
    List<Row> rows = new ArrayList<>();
    fired.forEach((key, sends) -> {
      String type = key.substring(0, key.indexOf(' '));
      String variant = key.substring(key.indexOf(' ') + 1);
      rows.add(Row.of(type, variant, sends[1] - sends[0], perSend(lift, type, variant)));
    });
    return rows;
  }

  private static String assumption(MeasuredLift measured) {
    return ("Each send earns what a treated customer of its trigger type and variant earned more than a holdout"
        + " customer of that type in the shop's measured lift from %s to %s (revenue per customer, treated - holdout);"
        + " the interval is that lift's 95%% interval times the sends. A customer sent twice counts twice. \"%s\": the"
        + " shop has no holdout comparison for that type and variant in that period.")
        .formatted(measured.lift().path("from").asText(), measured.lift().path("to").asText(), NO_EVIDENCE);
  }
}
