package io.upsell.engine.testing;

import io.upsell.schemas.common.LineItem;
import io.upsell.schemas.shop.OrderPlaced;
import io.upsell.schemas.shop.SalesChannel;
import io.upsell.testkit.CsvRows;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UCI Online Retail orders of December 2010 ({@code ../shared/data/online-retail/}) as placed orders: one
 * per invoice, cancellations ('C' invoices) left out, guests given a customer id of their own invoice.
 */
public final class OnlineRetail {

  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  private OnlineRetail() {}

  public static Path file() {
    return Path.of(System.getProperty("upsell.shared.dir", "../shared"), "data", "online-retail",
        "online-retail-2010-12.csv");
  }

  /** Every invoice as an order of {@code shopId}, in file order. */
  public static List<OrderPlaced> orders(String shopId) {
    Map<String, OrderPlaced.Builder> invoices = new LinkedHashMap<>();
    for (List<String> f : CsvRows.read(file())) {
      if (f.get(0).startsWith("C")) {
        continue;
      }
      String customer = f.get(6).isEmpty() ? "guest-" + f.get(0) : f.get(6).replace(".0", "");
      long unit = new BigDecimal(f.get(5)).movePointRight(2).longValue();
      LineItem item = LineItem.newBuilder().setProductId(f.get(1)).setName(f.get(2))
          .setQuantity(Integer.parseInt(f.get(3))).setUnitPriceMinor(unit).build();
      OrderPlaced.Builder order = invoices.computeIfAbsent(f.get(0), id -> OrderPlaced.newBuilder()
          .setShopId(shopId).setCustomerId(customer).setEventId("inv-" + id).setOrderId(id)
          .setOccurredAt(LocalDateTime.parse(f.get(4).replace(' ', 'T')).atZone(LONDON).toInstant())
          .setLines(new ArrayList<>()).setTotalMinor(0).setCurrency("GBP")
          // Set, not defaulted: an enum default is built on Avro's class loader, not the caller's (matters under Quarkus).
          .setChannel(SalesChannel.DIRECT).setDiscountMinor(0));
      order.getLines().add(item);
      order.setTotalMinor(order.getTotalMinor() + unit * item.getQuantity());
    }
    return invoices.values().stream().map(OrderPlaced.Builder::build).toList();
  }
}
