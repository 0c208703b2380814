package io.upsell.deploy.demo;

import static io.upsell.deploy.demo.DemoServer.escape;
import static io.upsell.deploy.demo.DemoServer.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's pages: a landing page, a small shop and a SaaS app ("Cloud Drive") whose buttons post real events
 * through the ingest API, each with the notifier's widget embedded for its demo customer so in-app prompts show up.
 */
final class DemoPages implements HttpHandler {

  static final String SHOPPER = "demo-shopper";
  static final String APP_USER = "demo-app-user";

  private final DemoServer.DemoSettings settings;
  private final DemoActions actions;
  private final DemoCatalog catalog;

  DemoPages(DemoServer.DemoSettings settings, DemoActions actions, DemoCatalog catalog) {
    this.settings = settings;
    this.actions = actions;
    this.catalog = catalog;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    try {
      switch (path) {
        case "/" -> send(exchange, 200, "text/html", landing());
        case "/shop" -> send(exchange, 200, "text/html", shop());
        case "/app" -> send(exchange, 200, "text/html", app());
        case "/act" -> act(exchange);
        default -> send(exchange, 404, "text/plain", "not found");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      send(exchange, 503, "text/plain", "interrupted");
    }
  }

  private void act(HttpExchange exchange) throws IOException, InterruptedException {
    if (!exchange.getRequestMethod().equals("POST")) {
      send(exchange, 405, "text/plain", "POST only");
      return;
    }
    Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String back = actions.perform(form);
    exchange.getResponseHeaders().set("Location", back);
    exchange.sendResponseHeaders(303, -1);
    exchange.close();
  }

  private String landing() {
    return page("Upsell Triggers — local demo", "", """
        <h1>Upsell Triggers — local demo</h1><ul>
        <li><a href="/shop">The demo shop</a>: add to cart, buy, or walk away and get a reminder email</li>
        <li><a href="/app">The demo SaaS app</a>: fill your storage and watch the in-app prompt arrive</li>
        <li><a href="/mail">Mail viewer</a>: every email the product sent</li>
        <li><a href="%s/">Dashboard</a>: sales KPIs, the upsell funnel, attributed revenue</li>
        <li><a href="%s/q/swagger-ui">Ingest API</a> (key in <code>.upsell/demo-shop.env</code>)</li>
        </ul>""".formatted(settings.analytics(), settings.ingest()));
  }

  private String shop() throws IOException, InterruptedException {
    StringBuilder items = new StringBuilder();
    List<DemoCatalog.Item> shown = catalog.items().subList(0, Math.min(8, catalog.items().size()));
    for (DemoCatalog.Item item : shown) {
      items.append("<div class=card><b>").append(escape(item.name())).append("</b><br>£")
          .append(String.format("%.2f", item.priceMinor() / 100.0))
          .append(button("cart", item.productId(), "Add to cart"))
          .append(button("buy", item.productId(), "Buy now")).append("</div>");
    }
    return page("Demo Shop", widget(SHOPPER), "<h1>Demo Shop</h1><p>You are <b>" + SHOPPER + "</b> ("
        + SHOPPER + "@demo.example). Add something to the cart and leave: a reminder arrives in the "
        + "<a href=/mail>mail viewer</a> after the shop's delay.</p><div class=grid>" + items + "</div>");
  }

  private String app() throws IOException, InterruptedException {
    return page("Cloud Drive", widget(APP_USER), "<h1>Cloud Drive</h1><p>You are <b>" + APP_USER + "</b>.</p>"
        + "<p>Storage used:</p>" + button("storage", "86", "86 of 100 GB") + button("storage", "96", "96 of 100 GB")
        + button("storage", "40", "40 of 100 GB") + "<p>Learning:</p>" + button("course", "course-intro", "Complete the intro course"));
  }

  private String widget(String customer) throws IOException, InterruptedException {
    String token = actions.token(customer);
    return token == null ? "" : "<script src=\"" + escape(settings.notifier()) + "/widget.js\" data-token=\""
        + escape(token) + "\" async></script>";
  }

  private static String button(String what, String value, String label) {
    return "<form method=post action=/act><input type=hidden name=what value=\"" + escape(what) + "\">"
        + "<input type=hidden name=value value=\"" + escape(value) + "\"><button>" + escape(label) + "</button></form>";
  }

  private static String page(String title, String head, String body) {
    return "<!doctype html><html lang=en><head><meta charset=utf-8><title>" + escape(title) + "</title>"
        + "<style>body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto}form{display:inline}"
        + ".grid{display:grid;grid-template-columns:repeat(4,1fr);gap:1em}.card{border:1px solid #ddd;"
        + "border-radius:8px;padding:1em}button{margin:.5em .3em 0 0}</style></head><body>" + body + head
        + "</body></html>";
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int at = pair.indexOf('=');
      if (at > 0) {
        form.put(URLDecoder.decode(pair.substring(0, at), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }
}
