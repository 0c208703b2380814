package io.upsell.deploy.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a backtest's sends would have earned by the shop's own measured lift (analytics' {@code GET
 * /v1/shops/{id}/lift}): per trigger type and variant, the sends times the lift's revenue per customer of treated
 * minus holdout customers of that type, and its 95% interval times the sends. Revenue per customer is used rather
 * than conversion lift times an order value because it already holds both (who bought, and how much) and the lift
 * answer gives its interval from the revenues' own variance; a product of two estimates would have none.
 */
final class LiftEarnings {

  private LiftEarnings() {}

  /** Incremental revenue of one send, minor units: the lift's estimate and its 95% interval. */
  record PerSend(double minor, double low, double high) {

    /** The same for {@code sends} sends, rounded to whole minor units; low ≤ high also for a negative count. */
    Money times(long sends) {
      long a = Math.round(low * sends);
      long b = Math.round(high * sends);
      return new Money(Math.round(minor * sends), Math.min(a, b), Math.max(a, b));
    }
  }

  /** An amount in minor units of the shop's currency, with its 95% interval. */
  record Money(long minor, long low, long high) {}

  /** One trigger type and variant of the backtest; no per-send figure where the shop has no holdout data for it. */
  record Row(String type, String variant, long fired, Optional<PerSend> perSend) {}

  /** Rows in the report's order (type, then variant), each with the lift of its own type and variant. */
  static List<Row> of(JsonNode firedByTypeAndVariant, JsonNode lift) {
    List<Row> rows = new ArrayList<>();
    firedByTypeAndVariant.fields().forEachRemaining(type -> type.getValue().fields().forEachRemaining(variant ->
        rows.add(new Row(type.getKey(), variant.getKey(), variant.getValue().asLong(),
            perSend(lift, type.getKey(), variant.getKey())))));
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
}
