package io.upsell.deploy.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The demo pages of the local stack on one port: a landing page, a mail viewer over the local SMTP server, and the
 * demo shop and SaaS app pages that embed the notifier's widget. With {@code --traffic} it also runs the traffic
 * simulator. Loopback only: it holds the demo shop's API key and must not be reachable from elsewhere.
 */
public final class DemoServer {

  private DemoServer() {}

  public static void main(String[] args) throws IOException {
    serve(args);
  }

  /** Starts the pages (and with {@code --traffic} the simulator); returns the running server. */
  public static HttpServer serve(String[] args) throws IOException {
    DemoSettings settings = DemoSettings.parse(args);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 64);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/health", exchange -> send(exchange, 200, "text/plain", "ok"));
    server.createContext("/mail", new MailViewer(settings.mailApi()));
    String apiKey = io.upsell.deploy.DemoCredentials.apiKey(java.nio.file.Path.of(settings.credentials()));
    IngestClient ingest = new IngestClient(settings.ingest(), apiKey);
    DemoCatalog catalog = DemoCatalog.load(java.nio.file.Path.of(System.getProperty("upsell.shared.dir", "../shared"),
        "data/online-retail/online-retail-2010-12.csv"), 40);
    server.createContext("/", new DemoPages(settings, new DemoActions(settings, ingest, catalog, apiKey), catalog));
    server.start();
    if (settings.traffic()) {
      // Only with --demo: a stack started for real use (or for tests) keeps the shop's own rules.
      DemoRules.applyInBackground(settings.engine(), settings.notifier(), apiKey);
      TrafficSimulator.startInBackground(ingest, catalog);
    }
    return server;
  }

  static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Escapes text for HTML element content and attribute values. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** Command-line settings of the demo server. */
  record DemoSettings(int port, String ingest, String notifier, String engine, String analytics, String mailApi,
      String credentials, boolean traffic) {

    static DemoSettings parse(String[] args) {
      Map<String, String> values = new HashMap<>();
      boolean traffic = false;
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--traffic")) {
          traffic = true;
        } else if (args[i].startsWith("--") && i + 1 < args.length) {
          values.put(args[i].substring(2), args[++i]);
        }
      }
      return new DemoSettings(Integer.parseInt(values.getOrDefault("port", "8080")),
          values.getOrDefault("ingest", "http://127.0.0.1:8081"),
          values.getOrDefault("notifier", "http://127.0.0.1:8083"),
          values.getOrDefault("engine", "http://127.0.0.1:8082"),
          values.getOrDefault("analytics", "http://127.0.0.1:8084"),
          values.getOrDefault("mail-api", "http://127.0.0.1:8025"),
          values.getOrDefault("credentials", ".upsell/demo-shop.env"), traffic);
    }
  }
}
