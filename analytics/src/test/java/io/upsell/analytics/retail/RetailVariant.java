package io.upsell.analytics.retail;

import io.upsell.analytics.retail.OnlineRetail.Line;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A small Online Retail file with the quirks of the whole UCI data set that December 2010 lacks, built from real
 * lines: sub-penny unit prices (0.001 … 1.245, rounded half-even), "Adjust bad debt" {@code A…} invoices (one
 * positive, two with negative prices), a negative quantity inside an ordinary invoice, duplicated lines, a zero
 * price, an invoice of sub-penny lines only (met again later with a price), a cancellation with a sub-penny and a
 * half-cent price, and an invoice number met again after other invoices. Dates move to the year 2000 so they touch
 * no other test's days.
 */
final class RetailVariant {

  private static final int INVOICES = 60;
  private static final int YEAR = 2000;

  private RetailVariant() {}

  static List<Line> of(List<Line> source) {
    Map<String, List<Line>> invoices = new LinkedHashMap<>();
    int shift = source.get(0).at().getYear() - YEAR;
    for (Line line : source) {
      if (invoices.size() == INVOICES && !invoices.containsKey(line.invoice())) {
        break;
      }
      invoices.computeIfAbsent(line.invoice(), k -> new ArrayList<>()).add(moved(line, shift));
    }
    List<List<Line>> ordinary = invoices.values().stream().filter(run -> !run.get(0).cancellation()
        && run.size() >= 5).toList();
    List<Line> subPenny = ordinary.get(0);
    String[] prices = {"0.001", "0.005", "0.015", "0.025", "1.245"};
    for (int i = 0; i < prices.length; i++) {
      subPenny.set(i, priced(subPenny.get(i), prices[i]));
    }
    List<Line> negative = ordinary.get(1);
    negative.add(1, quantity(negative.get(0), -2));
    List<Line> duplicated = ordinary.get(2);
    duplicated.add(1, duplicated.get(0));
    duplicated.add(3, duplicated.get(2));
    List<Line> zeroPrice = ordinary.get(3);
    zeroPrice.add(priced(zeroPrice.get(0), "0.00"));

    List<Line> lines = invoices.values().stream().flatMap(List::stream).collect(Collectors.toList());
    Line last = lines.get(lines.size() - 1);
    Line customer = subPenny.get(0);
    lines.add(adjustment("A563185", "11062.06", last));
    lines.add(adjustment("A563186", "-11062.06", last));
    lines.add(adjustment("A563187", "-11062.06", last));
    lines.add(new Line("V000001", "22633", "HAND WARMER", 6, last.at(), new BigDecimal("0.004"),
        customer.customerId(), customer.country()));
    lines.add(new Line("C900001", customer.stockCode(), customer.description(), -1, last.at(),
        new BigDecimal("0.001"), customer.customerId(), customer.country()));
    lines.add(new Line("C900001", "22632", "HAND WARMER RED POLKA DOT", -2, last.at(), new BigDecimal("2.545"),
        customer.customerId(), customer.country()));
    lines.addAll(ordinary.get(4));
    // V000001 again, now with a price: its first run made no event, so this one is imported.
    lines.add(new Line("V000001", "22633", "HAND WARMER", 4, last.at(), new BigDecimal("1.65"),
        customer.customerId(), customer.country()));
    return lines;
  }

  /** The lines as a CSV file of the UCI layout, every field quoted. */
  static String csv(List<Line> lines) {
    StringBuilder csv = new StringBuilder(
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\r\n");
    for (Line line : lines) {
      csv.append(line.fields().stream().map(f -> '"' + f.replace("\"", "\"\"") + '"')
          .collect(Collectors.joining(","))).append("\r\n");
    }
    return csv.toString();
  }

  private static Line moved(Line l, int years) {
    return new Line(l.invoice(), l.stockCode(), l.description(), l.quantity(), l.at().minusYears(years),
        l.unitPrice(), l.customerId(), l.country());
  }

  private static Line priced(Line l, String price) {
    return new Line(l.invoice(), l.stockCode(), l.description(), l.quantity(), l.at(), new BigDecimal(price),
        l.customerId(), l.country());
  }

  private static Line quantity(Line l, long quantity) {
    return new Line(l.invoice(), l.stockCode(), l.description(), quantity, l.at(), l.unitPrice(), l.customerId(),
        l.country());
  }

  private static Line adjustment(String invoice, String price, Line at) {
    return new Line(invoice, "B", "Adjust bad debt", 1, at.at(), new BigDecimal(price), "", "United Kingdom");
  }
}
