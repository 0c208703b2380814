package io.upsell.analytics.retail;

import io.upsell.analytics.retail.OnlineRetail.Line;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
          : BigDecimal.valueOf(gross).divide(BigDecimal.valueOf(orders.size()), 0, RoundingMode.HALF_UP)
              .longValueExact();
    }
  }

  private CsvFigures() {}

  /**
   * The invoices kept, in file order: each run of consecutive lines of one number with at least one line of quantity
   * and price, unless a run of that number was kept before (the import's second event id would be refused).
   */
  static List<Invoice> invoices(List<Line> lines) {
    List<List<Line>> runs = new ArrayList<>();
    for (Line line : lines) {
      List<Line> last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (last != null && last.get(0).invoice().equals(line.invoice())) {
        last.add(line);
      } else {
        runs.add(new ArrayList<>(List.of(line)));
      }
    }
    List<Invoice> invoices = new ArrayList<>();
    Set<String> kept = new HashSet<>();
    for (List<Line> run : runs) {
      Invoice invoice = invoice(run);
      if (invoice != null && kept.add(invoice.number())) {
        invoices.add(invoice);
      }
    }
    return invoices;
  }

  // Null when no line of the run has a quantity and a price of at least a penny (rounded half-even).
  private static Invoice invoice(List<Line> run) {
    Line first = run.get(0);
    String number = first.invoice();
    boolean cancellation = number.startsWith("C");
    BigDecimal amount = BigDecimal.ZERO;
    boolean any = false;
    for (Line line : run) {
      BigDecimal price = line.unitPrice().setScale(2, RoundingMode.HALF_EVEN);
      if (line.quantity() != 0 && price.signum() > 0 && (cancellation || line.quantity() > 0)) {
        amount = amount.add(price.multiply(BigDecimal.valueOf(line.quantity()).abs()));
        any = true;
      }
    }
    if (!any) {
      return null;
    }
    String customer = first.customerId().isEmpty() ? "guest " + number
        : "customer " + new BigDecimal(first.customerId()).stripTrailingZeros().toPlainString();
    return new Invoice(number, first.at().toLocalDate(), customer, cancellation,
        amount.movePointRight(2).longValueExact());
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
