package io.upsell.analytics.retail;

import io.upsell.analytics.retail.OnlineRetail.Line;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures a shop should see after importing the CSV lines, worked out here from the lines alone, with
 * {@link java.math.BigDecimal} money and neither the pipeline's code nor the fixture's events: the import rules of
 * {@link OnlineRetail}'s comment applied line by line.
 */
final class CsvFigures {

  /** An invoice as the shop sees it: an order or a cancellation, its day, customer and amount in pence. */
  record Invoice(String number, LocalDate day, String customer, boolean cancellation, long amountMinor) {}

  /** A day's figures. */
  static final class Day {
    long gross;
    long refunds;
    final Set<String> orders = new HashSet<>();
    final Set<String> customers = new HashSet<>();

    /** Gross per order, rounded half up to the penny; null without orders. */
    Long aov() {
      return orders.isEmpty() ? null
          : BigDecimal.valueOf(gross).divide(BigDecimal.valueOf(orders.size()), 0, RoundingMode.HALF_UP).longValueExact();
    }
  }

  private CsvFigures() {}

  /** The invoices kept, in file order: first run of each number, at least one line with quantity and price. */
  static List<Invoice> invoices(List<Line> lines) {
    Map<String, List<Line>> runs = new LinkedHashMap<>();
    String current = null;
    for (Line line : lines) {
      boolean continues = line.invoice().equals(current);
      current = line.invoice();
      if (continues) {
        runs.get(current).add(line);
      } else if (!runs.containsKey(current)) {
        runs.put(current, new ArrayList<>(List.of(line)));
      } else {
        current = null; // a later run of a number already seen: a duplicate the import refuses
      }
    }
    List<Invoice> invoices = new ArrayList<>();
    runs.forEach((number, run) -> {
      boolean cancellation = number.startsWith("C");
      BigDecimal amount = BigDecimal.ZERO;
      boolean kept = false;
      for (Line line : run) {
        BigDecimal price = line.unitPrice().setScale(2, RoundingMode.HALF_EVEN);
        boolean usable = line.quantity() != 0 && price.signum() > 0 && (cancellation || line.quantity() > 0);
        if (usable) {
          amount = amount.add(price.multiply(BigDecimal.valueOf(line.quantity()).abs()));
          kept = true;
        }
      }
      if (kept) {
        Line first = run.get(0);
        String customer = first.customerId().isEmpty() ? "guest " + number
            : "customer " + new BigDecimal(first.customerId()).stripTrailingZeros().toPlainString();
        invoices.add(new Invoice(number, first.at().toLocalDate(), customer, cancellation,
            amount.movePointRight(2).longValueExact()));
      }
    });
    return invoices;
  }

  /** Each day's figures, by day. */
  static TreeMap<LocalDate, Day> days(List<Invoice> invoices) {
    TreeMap<LocalDate, Day> days = new TreeMap<>();
    for (Invoice invoice : invoices) {
      Day day = days.computeIfAbsent(invoice.day(), d -> new Day());
      if (invoice.cancellation()) {
        day.refunds += invoice.amountMinor();
      } else {
        day.gross += invoice.amountMinor();
        day.orders.add(invoice.number());
        day.customers.add(invoice.customer());
      }
    }
    return days;
  }
}
