package io.upsell.deploy.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Online Retail CSV of December 2010 read as order events, one per invoice. */
class EventLinesTest {

  static final Path RETAIL = Path.of(System.getProperty("upsell.shared.dir", "../../shared"))
      .resolve("data/online-retail/online-retail-2010-12.csv");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyInvoiceBecomesOneOrderEventAndCInvoicesAreCancellations() throws Exception {
    List<JsonNode> events = readAll(RETAIL);
    long invoices = Files.lines(RETAIL).skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct().count();
    long cInvoices = Files.lines(RETAIL).skip(1).filter(l -> l.startsWith("C"))
        .map(l -> l.substring(0, l.indexOf(','))).distinct().count();

    try (EventLines lines = EventLines.open(RETAIL, orders())) {
      lines.forEachRemaining(l -> { });
      assertThat(events.size() + lines.skipped()).isEqualTo(invoices);
      // December 2010 has 140 invoices of zero-price stock adjustments only (counted separately with Python).
      assertThat(lines.skipped()).isEqualTo(140);
      assertThat(lines.linesRead()).isEqualTo(Files.lines(RETAIL).count() - 1);
    }
    assertThat(events.stream().filter(e -> e.get("type").asText().equals("order_cancelled")).count())
        .isEqualTo(cInvoices);
    assertThat(events).extracting(e -> e.get("eventId").asText()).doesNotHaveDuplicates();
  }

  @Test
  void theFirstInvoiceKeepsItsLinesCustomerTimeAndMoneyInPence() throws Exception {
    JsonNode first = readAll(RETAIL).get(0);

    assertThat(first.get("type").asText()).isEqualTo("order_placed");
    assertThat(first.get("eventId").asText()).isEqualTo("retail-536365");
    assertThat(first.get("customerId").asText()).as("17850.0 in the file").isEqualTo("17850");
    assertThat(first.get("lines")).hasSize(7);
    assertThat(first.at("/lines/0/productId").asText()).isEqualTo("85123A");
    assertThat(first.at("/lines/0/unitPriceMinor").asLong()).isEqualTo(255);
    // 2010-12-01 08:26 in London is GMT.
    assertThat(first.get("occurredAt").asLong()).isEqualTo(1291191960000L);
    long sum = 0;
    for (JsonNode line : first.get("lines")) {
      sum += line.get("quantity").asLong() * line.get("unitPriceMinor").asLong();
    }
    assertThat(first.get("totalMinor").asLong()).isEqualTo(sum);
  }

  @Test
  void guestsAreKeyedByTheirInvoiceAndQuotedDescriptionsAreRead() throws Exception {
    List<JsonNode> events = readAll(RETAIL);
    JsonNode guest = events.stream().filter(e -> e.get("orderId").asText().equals("536544")).findFirst().orElseThrow();
    assertThat(guest.get("customerId").asText()).isEqualTo("guest-536544");
    assertThat(guest.findValuesAsText("name")).contains("LETTER \"D\" BLING KEY RING");
  }

  @Test
  void ndjsonPassesThroughLineByLine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.ndjson");
    Files.writeString(file, "{\"type\":\"a\"}\n\n{\"type\":\"b\"}\n");
    List<String> lines = new ArrayList<>();
    try (EventLines events = EventLines.open(file, orders())) {
      events.forEachRemaining(lines::add);
    }
    assertThat(lines).containsExactly("{\"type\":\"a\"}", "{\"type\":\"b\"}");
  }

  static RetailOrders orders() {
    return new RetailOrders(ZoneId.of("Europe/London"), "GBP");
  }

  private static List<JsonNode> readAll(Path file) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    try (EventLines lines = EventLines.open(file, orders())) {
      while (lines.hasNext()) {
        events.add(JSON.readTree(lines.next()));
      }
    }
    return events;
  }
}
