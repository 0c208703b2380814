package io.upsell.deploy.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;

/**
 * What an import of {@code file} owes the shop's figures, summed from the very events the importer sends (the CSV
 * mapping has its own tests): orders placed, their gross total and the refunds of cancelled invoices.
 */
public record ImportedTotals(long events, long orders, long grossMinor, long refundsMinor) {

  public static ImportedTotals of(Path file, String timeZone, String currency) throws IOException {
    ObjectMapper json = new ObjectMapper();
    long events = 0;
    long orders = 0;
    long gross = 0;
    long refunds = 0;
    try (EventLines lines = EventLines.open(file, new RetailOrders(ZoneId.of(timeZone), currency))) {
      while (lines.hasNext()) {
        JsonNode event = json.readTree(lines.next());
        events++;
        if (event.path("type").asText().equals("order_placed")) {
          orders++;
          gross += event.path("totalMinor").asLong();
        } else {
          refunds += event.path("refundMinor").asLong();
        }
      }
    }
    return new ImportedTotals(events, orders, gross, refunds);
  }
}
