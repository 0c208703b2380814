package io.upsell.deploy.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * Turns the lines of one invoice of the Online Retail layout
 * ({@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country}) into one native
 * order event: {@code order_placed}, or {@code order_cancelled} for invoices starting with C. Guests (no
 * CustomerID) are keyed by their invoice; lines without a positive quantity and price are left out.
 */
final class RetailOrders {

  private static final DateTimeFormatter INVOICE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

  private final ZoneId zone;
  private final String currency;
  private final int digits;

  RetailOrders(ZoneId zone, String currency) {
    this.zone = zone;
    this.currency = currency;
    this.digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
  }

  /** The event of one invoice's lines (each already split into fields), or empty when no line is usable. */
  Optional<ObjectNode> invoice(List<List<String>> lines) {
    List<String> first = lines.get(0);
    String invoice = first.get(0).strip();
    boolean cancelled = invoice.startsWith("C");
    ArrayNode items = JsonNodeFactory.instance.arrayNode();
    long totalMinor = 0;
    for (List<String> line : lines) {
      long quantity = Math.abs(Long.parseLong(line.get(3).strip()));
      long unitMinor = minor(new BigDecimal(line.get(5).strip()));
      if (quantity == 0 || unitMinor <= 0 || (!cancelled && line.get(3).strip().startsWith("-"))) {
        continue;
      }
      ObjectNode item = items.addObject();
      item.put("productId", line.get(1).strip());
      if (!line.get(2).isBlank()) {
        item.put("name", line.get(2).strip());
      }
      item.put("quantity", quantity);
      item.put("unitPriceMinor", unitMinor);
      totalMinor += quantity * unitMinor;
    }
    if (items.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("type", cancelled ? "order_cancelled" : "order_placed");
    event.put("eventId", "retail-" + invoice);
    event.put("customerId", customer(first.get(6), invoice));
    event.put("occurredAt", LocalDateTime.parse(first.get(4).strip(), INVOICE_DATE).atZone(zone).toInstant()
        .toEpochMilli());
    event.put("orderId", invoice);
    event.set("lines", items);
    event.put(cancelled ? "refundMinor" : "totalMinor", totalMinor);
    event.put("currency", currency);
    return Optional.of(event);
  }

  // "17850.0" is how the source writes customer 17850.
  private static String customer(String field, String invoice) {
    String id = field.strip();
    if (id.isEmpty()) {
      return "guest-" + invoice;
    }
    return id.endsWith(".0") ? id.substring(0, id.length() - 2) : id;
  }

  private long minor(BigDecimal major) {
    return major.setScale(digits, RoundingMode.HALF_EVEN).movePointRight(digits).longValueExact();
  }
}
