package io.upsell.deploy.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The import against a real local HTTP server standing in for the batch API. */
class ImportCommandTest {

  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  private final Set<String> seenIds = ConcurrentHashMap.newKeySet();
  private final AtomicInteger unavailableLeft = new AtomicInteger();
  private HttpServer server;
  private String url;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/events/batch", this::answer);
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void importsTheRetailCsvInBatchesRetryingA503AndShowsProgress() {
    unavailableLeft.set(1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int code = ImportCommand.run(new String[] {"orders", EventLinesTest.RETAIL.toString(), "--url", url,
        "--api-key", "key-1", "--batch", "500"}, new PrintStream(out), new PrintStream(err));

    assertThat(code).as(err.toString()).isZero();
    assertThat(batchSizes).allMatch(size -> size > 0 && size <= 500);
    assertThat(contentTypes).containsOnly("application/x-ndjson");
    int events = batchSizes.stream().mapToInt(Integer::intValue).sum();
    assertThat(seenIds).as("every event once, the retried batch included").hasSize(events);
    assertThat(events).as("every invoice with a usable line").isEqualTo(eventsIn(EventLinesTest.RETAIL));
    assertThat(err.toString()).contains("lines/s").contains("ETA").contains("100%");
    assertThat(out.toString()).contains("42,063 lines").contains("accepted");
  }

  @Test
  void aRefusedKeyStopsTheImportWithExitCode1() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ImportCommand.run(new String[] {"orders", EventLinesTest.RETAIL.toString(), "--url", url,
        "--api-key", "wrong"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("HTTP 401");
  }

  @Test
  void badArgumentsPrintTheUsage() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ImportCommand.run(new String[] {"orders"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Usage: ./upsell import orders FILE");
  }

  private static int eventsIn(java.nio.file.Path file) {
    try (EventLines lines = EventLines.open(file, EventLinesTest.orders())) {
      int n = 0;
      for (; lines.hasNext(); lines.next()) {
        n++;
      }
      return n;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (!"Bearer key-1".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      reply(exchange, 401, "{\"status\":401}");
      return;
    }
    if (unavailableLeft.getAndDecrement() > 0) {
      exchange.getResponseHeaders().add("Retry-After", "1");
      reply(exchange, 503, "{\"status\":503}");
      return;
    }
    contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
    List<String> lines = body.lines().filter(l -> !l.isBlank()).toList();
    batchSizes.add(lines.size());
    int duplicates = 0;
    for (String line : lines) {
      String id = line.replaceAll(".*\"eventId\":\"([^\"]+)\".*", "$1");
      if (!seenIds.add(id)) {
        duplicates++;
      }
    }
    reply(exchange, 202, "{\"accepted\":" + (lines.size() - duplicates) + ",\"duplicates\":" + duplicates + "}");
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
