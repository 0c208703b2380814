package io.upsell.analytics.retail;

import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.OrderCancelled;
import io.upsell.schemas.shop.OrderEvent;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.SalesChannel;
import io.upsell.testkit.CsvRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files of the UCI Online Retail layout ({@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,
 * CustomerID,Country}) and their order events, mapped by the rules of the real import path
 * ({@code deploy/.../importer/RetailOrders.java}, {@code EventLines.java}), so a replay checks what
 * {@code ./upsell import orders} makes a shop see:
 * <ul>
 *   <li>an invoice is a run of consecutive lines with one InvoiceNo; a run of a number whose earlier run became an
 *       event (in the same file or an earlier one) would be imported with the same event id, which ingest refuses
 *       as a duplicate, so it is left out;</li>
 *   <li>an invoice starting with {@code C} is a cancellation (its refund is the sum of its kept lines, quantities
 *       taken as positive); any other (numbers, {@code A…} "Adjust bad debt") is an order;</li>
 *   <li>a unit price becomes minor units rounded HALF_EVEN (0.001 → 0, 0.015 → 2, 1.245 → 124);</li>
 *   <li>a line is left out when its quantity is 0, its rounded price is not positive (sub-penny prices, the
 *       negative prices of bad-debt adjustments), or, in an ordinary invoice, its quantity is negative; duplicated
 *       lines are kept, each one (the import keeps them);</li>
 *   <li>an invoice left without lines is skipped;</li>
 *   <li>a guest (empty CustomerID) is a one-off customer {@code guest-<InvoiceNo>}; {@code 17850.0} is {@code 17850};
 *       the event's time is its first line's InvoiceDate on the shop's wall clock.</li>
 * </ul>
 */
public final class OnlineRetail {

  /** The zone the UCI shop's times are written in. */
  public static final ZoneId ZONE = ZoneId.of("Europe/London");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

  /** One CSV line, as written. */
  public record Line(String invoice, String stockCode, String description, long quantity, LocalDateTime at,
      BigDecimal unitPrice, String customerId, String country) {

    public boolean cancellation() {
      return invoice.startsWith("C");
    }

    /** The line as CSV fields, in the file's column order. */
    public List<String> fields() {
      return List.of(invoice, stockCode, description, Long.toString(quantity), at.format(TIME),
          unitPrice.toPlainString(), customerId, country);
    }
  }

  private OnlineRetail() {}

  /** The folder the shared data sets are in (read-only). */
  public static Path folder() {
    return Path.of(System.getProperty("upsell.shared.dir", "../../shared"), "data", "online-retail");
  }

  /** Every {@code online-retail*.csv} of the folder, by name: the December 2010 file and any held back. */
  public static List<Path> files() {
    try (Stream<Path> files = Files.list(folder())) {
      List<Path> found = files.filter(f -> f.getFileName().toString().matches("online-retail.*\\.csv")).sorted()
          .toList();
      if (found.isEmpty()) {
        throw new IllegalStateException("no online-retail*.csv in " + folder().toAbsolutePath());
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of the files, file after file. */
  public static List<Line> read(List<Path> files) {
    List<Line> lines = new ArrayList<>();
    for (Path file : files) {
      for (List<String> f : CsvRows.read(file)) {
        lines.add(new Line(f.get(0).strip(), f.get(1).strip(), f.get(2).strip(), Long.parseLong(f.get(3).strip()),
            LocalDateTime.parse(f.get(4).strip(), TIME), new BigDecimal(f.get(5).strip()), f.get(6).strip(),
            f.get(7).strip()));
      }
    }
    return lines;
  }

  /** The order events of the lines, one per invoice kept, in file order; times on {@code zone}'s wall clock. */
  public static List<OrderEvent> events(String shopId, ZoneId zone, String currency, List<Line> lines) {
    List<OrderEvent> events = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    List<Line> invoice = new ArrayList<>();
    for (Line line : lines) {
      if (!invoice.isEmpty() && !invoice.get(0).invoice().equals(line.invoice())) {
        add(events, seen, event(shopId, zone, currency, invoice));
        invoice.clear();
      }
      invoice.add(line);
    }
    if (!invoice.isEmpty()) {
      add(events, seen, event(shopId, zone, currency, invoice));
    }
    return events;
  }

  private static void add(List<OrderEvent> events, Set<String> seen, OrderEvent event) {
    if (event != null && seen.add(eventId(event))) {
      events.add(event);
    }
  }

  /** The event id of an order event (the idempotency key ingest de-duplicates by). */
  public static String eventId(OrderEvent event) {
    return event.getEvent() instanceof OrderPlaced p ? p.getEventId() : ((OrderCancelled) event.getEvent())
        .getEventId();
  }

  /** The customer an order event is keyed by. */
  public static String customerOf(OrderEvent event) {
    return event.getEvent() instanceof OrderPlaced p ? p.getCustomerId() : ((OrderCancelled) event.getEvent())
        .getCustomerId();
  }

  /** The record timestamp of an order event. */
  public static long timeOf(OrderEvent event) {
    return (event.getEvent() instanceof OrderPlaced p ? p.getOccurredAt()
        : ((OrderCancelled) event.getEvent()).getOccurredAt()).toEpochMilli();
  }

  // Null when no line of the invoice is kept.
  private static OrderEvent event(String shopId, ZoneId zone, String currency, List<Line> lines) {
    Line first = lines.get(0);
    boolean cancelled = first.cancellation();
    List<LineItem> items = new ArrayList<>();
    long total = 0;
    for (Line line : lines) {
      long unitMinor = line.unitPrice().setScale(2, RoundingMode.HALF_EVEN).movePointRight(2).longValueExact();
      if (line.quantity() == 0 || unitMinor <= 0 || (!cancelled && line.quantity() < 0)) {
        continue;
      }
      int quantity = Math.toIntExact(Math.abs(line.quantity()));
      items.add(LineItem.newBuilder().setProductId(line.stockCode()).setName(line.description())
          .setQuantity(quantity).setUnitPriceMinor(unitMinor).build());
      total += quantity * unitMinor;
    }
    if (items.isEmpty()) {
      return null;
    }
    Instant at = first.at().atZone(zone).toInstant();
    String customer = first.customerId().isEmpty() ? "guest-" + first.invoice()
        : first.customerId().replaceFirst("\\.0$", "");
    if (cancelled) {
      return new OrderEvent(OrderCancelled.newBuilder().setShopId(shopId).setCustomerId(customer)
          .setEventId("csv-" + first.invoice()).setOccurredAt(at).setOrderId(first.invoice()).setLines(items)
          .setRefundMinor(total).setCurrency(currency).build());
    }
    return new OrderEvent(OrderPlaced.newBuilder().setShopId(shopId).setCustomerId(customer)
        .setEventId("csv-" + first.invoice()).setOccurredAt(at).setOrderId(first.invoice()).setLines(items)
        .setTotalMinor(total).setCurrency(currency).setChannel(SalesChannel.DIRECT).build());
  }
}
