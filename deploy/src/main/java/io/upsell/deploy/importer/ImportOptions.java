package io.upsell.deploy.importer;

import io.upsell.deploy.demo.DemoCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;

/** The arguments of {@code ./upsell import orders FILE [...]}. */
record ImportOptions(Path file, String url, String apiKey, int batchSize, RetailOrders orders) {

  static final String USAGE = """
      Usage: ./upsell import orders FILE [--url http://localhost:8081] [--api-key KEY] [--batch 500]
                                         [--time-zone Europe/London] [--currency GBP]
        FILE         an Online Retail CSV (InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,
                     CustomerID,Country; C-invoices are cancellations) or NDJSON of native events
        --api-key    the shop's API key; default DEMO_SHOP_API_KEY from .upsell/demo-shop.env
        --batch      events per request, 1..1000 (default 500)
        --time-zone  zone of the CSV's InvoiceDate (default Europe/London); --currency of its UnitPrice (GBP)
      """;

  static ImportOptions parse(String[] args) {
    if (args.length < 2 || !args[0].equals("orders")) {
      throw new IllegalArgumentException("expected: orders FILE");
    }
    Path file = Path.of(args[1]);
    String url = "http://localhost:8081";
    String apiKey = null;
    int batch = 500;
    String zone = "Europe/London";
    String currency = "GBP";
    for (int i = 2; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--url" -> url = value;
        case "--api-key" -> apiKey = value;
        case "--batch" -> batch = batchSize(value);
        case "--time-zone" -> zone = value;
        case "--currency" -> currency = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    if (apiKey == null) {
      Path env = Path.of(System.getProperty("upsell.repo", "."), ".upsell", "demo-shop.env");
      if (!Files.isRegularFile(env)) {
        throw new IllegalArgumentException("no --api-key and no " + env + " (run ./upsell start first)");
      }
      apiKey = DemoCredentials.apiKey(env);
    }
    return new ImportOptions(file, url, apiKey, batch, orders(zone, currency));
  }

  private static int batchSize(String value) {
    try {
      int size = Integer.parseInt(value);
      if (size >= 1 && size <= 1000) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--batch must be 1..1000, not " + value);
  }

  private static RetailOrders orders(String zone, String currency) {
    try {
      return new RetailOrders(ZoneId.of(zone), currency);
    } catch (DateTimeException | IllegalArgumentException e) {
      throw new IllegalArgumentException("bad --time-zone or --currency: " + e.getMessage());
    }
  }
}
