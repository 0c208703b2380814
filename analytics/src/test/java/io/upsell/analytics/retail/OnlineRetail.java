package io.upsell.analytics.retail;

import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.OrderCancelled;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.SalesChannel;
import io.upsell.testkit.CsvRows;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UCI Online Retail lines (Dec 2010) and their mapping to order events. Mapping: an invoice is an order; an
 * invoice starting with {@code C} is a cancellation whose refund is the sum of its lines; lines of ordinary
 * invoices with quantity ≤ 0 are stock write-offs (all priced 0, no customer) and are left out, and an invoice
 * left without lines is not an order; a guest (empty CustomerID) is a one-off customer {@code guest-<InvoiceNo>};
 * {@code 17850.0} is customer {@code 17850}; prices become minor units exactly (2.55 → 255); times are the
 * shop's wall clock (Europe/London).
 */
public final class OnlineRetail {

  public static final ZoneId ZONE = ZoneId.of("Europe/London");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  /** One CSV line. */
  public record Line(String invoice, String stockCode, String description, int quantity, LocalDateTime at,
      BigDecimal unitPrice, String customerId, String country) {

    public boolean cancellation() {
      return invoice.startsWith("C");
    }

    /** The customer the line's invoice belongs to; a guest is one customer per invoice. */
    public String customer() {
      return customerId.isEmpty() ? "guest-" + invoice : new BigDecimal(customerId).toBigInteger().toString();
    }

    public long unitPriceMinor() {
      return unitPrice.movePointRight(2).longValueExact();
    }
  }

  private OnlineRetail() {}

  public static Path file() {
    return Path.of(System.getProperty("upsell.shared.dir", "../../shared"), "data", "online-retail",
        "online-retail-2010-12.csv");
  }

  public static List<Line> read(Path file) {
    List<Line> lines = new ArrayList<>();
    for (List<String> f : CsvRows.read(file)) {
      lines.add(new Line(f.get(0), f.get(1), f.get(2), Integer.parseInt(f.get(3)),
          LocalDateTime.parse(f.get(4), TIME), new BigDecimal(f.get(5)), f.get(6), f.get(7)));
    }
    return lines;
  }

  /** The order events of the lines, one per invoice, keyed by customer id, in file order. */
  public static List<OrderEvent> events(String shopId, List<Line> lines) {
    Map<String, List<Line>> invoices = new LinkedHashMap<>();
    for (Line line : lines) {
      if (line.cancellation() || line.quantity() > 0) {
        invoices.computeIfAbsent(line.invoice(), k -> new ArrayList<>()).add(line);
      }
    }
    List<OrderEvent> events = new ArrayList<>();
    invoices.forEach((invoice, invoiceLines) -> events.add(event(shopId, invoice, invoiceLines)));
    return events;
  }

  private static OrderEvent event(String shopId, String invoice, List<Line> lines) {
    Line first = lines.get(0);
    Instant at = first.at().atZone(ZONE).toInstant();
    List<LineItem> items = new ArrayList<>();
    long total = 0;
    for (Line line : lines) {
      int quantity = Math.abs(line.quantity());
      items.add(LineItem.newBuilder().setProductId(line.stockCode()).setName(line.description())
          .setQuantity(quantity).setUnitPriceMinor(line.unitPriceMinor()).build());
      total += quantity * line.unitPriceMinor();
    }
    if (first.cancellation()) {
      return new OrderEvent(OrderCancelled.newBuilder().setShopId(shopId).setCustomerId(first.customer())
          .setEventId("csv-" + invoice).setOccurredAt(at).setOrderId(invoice).setLines(items).setRefundMinor(total)
          .setCurrency("GBP").build());
    }
    return new OrderEvent(OrderPlaced.newBuilder().setShopId(shopId).setCustomerId(first.customer())
        .setEventId("csv-" + invoice).setOccurredAt(at).setOrderId(invoice).setLines(items).setTotalMinor(total)
        .setCurrency("GBP").setChannel(SalesChannel.DIRECT).build());
  }
}
