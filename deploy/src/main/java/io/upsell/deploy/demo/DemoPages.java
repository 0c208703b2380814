package io.upsell.deploy.demo;

import static io.upsell.deploy.demo.DemoServer.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** The landing page of the demo: where to look. */
final class DemoPages implements HttpHandler {

  private final DemoServer.DemoSettings settings;

  DemoPages(DemoServer.DemoSettings settings) {
    this.settings = settings;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals("/")) {
      send(exchange, 404, "text/plain", "not found");
      return;
    }
    send(exchange, 200, "text/html", """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Upsell Triggers demo</title>
        <style>body{font-family:system-ui,sans-serif;max-width:50em;margin:2em auto}</style></head><body>
        <h1>Upsell Triggers — local demo</h1><ul>
        <li><a href="%s/">Dashboard</a> (analytics)</li>
        <li><a href="/mail">Mail viewer</a>: what the product sent</li>
        <li><a href="%s/q/swagger-ui">Ingest API</a></li>
        </ul></body></html>
        """.formatted(settings.analytics(), settings.ingest()));
  }
}
