package io.upsell.ingest.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * Builds native event JSON from another format (Segment, Shopify), so every format is validated and mapped by the
 * one {@link NativeEvents} reader. Money given in major units is converted to minor units here.
 */
public final class NativeJson {

  private final ObjectNode node = JsonNodeFactory.instance.objectNode();
  private final String currency;

  private NativeJson(String type, String eventId, String customerId, Instant occurredAt, String currency) {
    this.currency = currency;
    node.put("type", type);
    node.put("eventId", eventId);
    if (customerId != null) {
      node.put("customerId", customerId);
    }
    node.put("occurredAt", occurredAt.toEpochMilli());
    node.put("currency", currency);
  }

  /**
   * A native event; {@code occurredAt} already read within its bounds ({@link Fields#instant}), {@code currency} an
   * ISO-4217 code (amounts are converted in it).
   */
  public static NativeJson event(String type, String eventId, String customerId, Instant occurredAt,
      String currency) {
    return new NativeJson(type, eventId, customerId, occurredAt, currency);
  }

  public NativeJson text(String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
    return this;
  }

  public NativeJson texts(String name, List<String> values) {
    ArrayNode array = node.putArray(name);
    values.forEach(array::add);
    return this;
  }

  public NativeJson number(String name, Long value) {
    if (value != null) {
      node.put(name, value);
    }
    return this;
  }

  /** An instant read (and bounded) from the other format's field, as epoch millis. */
  public NativeJson instant(String name, Instant value) {
    if (value != null) {
      node.put(name, value.toEpochMilli());
    }
    return this;
  }

  public NativeJson bool(String name, boolean value) {
    node.put(name, value);
    return this;
  }

  public NativeJson raw(String name, JsonNode value) {
    if (value != null && !value.isMissingNode() && !value.isNull()) {
      node.set(name, value);
    }
    return this;
  }

  /** A major-unit amount as {@code name} in minor units. */
  public NativeJson money(String name, BigDecimal major) {
    if (major != null) {
      node.put(name, minor(major));
    }
    return this;
  }

  public NativeJson lines(String name, List<Line> lines) {
    ArrayNode array = node.putArray(name);
    for (Line line : lines) {
      ObjectNode item = array.addObject();
      item.put("productId", line.productId());
      putIfPresent(item, "sku", line.sku());
      putIfPresent(item, "name", line.name());
      putIfPresent(item, "category", line.category());
      item.put("quantity", line.quantity());
      item.put("unitPriceMinor", minor(line.unitPrice()));
      putIfPresent(item, "url", line.url());
      putIfPresent(item, "imageUrl", line.imageUrl());
    }
    return this;
  }

  /**
   * Minor units, exactly: an amount too large for a long stays as large, so the native reader refuses it by the
   * field's name as too large (rounding or wrapping it would publish another amount).
   */
  private BigInteger minor(BigDecimal major) {
    return Currencies.toMinor(major, currency);
  }

  public ObjectNode json() {
    return node;
  }

  private static void putIfPresent(ObjectNode item, String name, String value) {
    if (value != null) {
      item.put(name, value);
    }
  }

  /** One product line in another format's words, price in major units. */
  public record Line(String productId, String sku, String name, String category, long quantity,
      BigDecimal unitPrice, String url, String imageUrl) {

    public Line(String productId, String sku, String name, String category, long quantity, BigDecimal unitPrice) {
      this(productId, sku, name, category, quantity, unitPrice, null, null);
    }

    public BigDecimal total() {
      return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
  }
}
