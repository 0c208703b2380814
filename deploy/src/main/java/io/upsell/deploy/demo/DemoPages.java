package io.upsell.deploy.demo;

import static io.upsell.deploy.demo.DemoServer.escape;
import static io.upsell.deploy.demo.DemoServer.send;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's pages: a landing page, a small shop and a SaaS app ("Cloud Drive") whose buttons post real events
 * through the ingest API, each with the notifier's widget embedded for its demo customer so in-app prompts show up.
 * The shop's cart, checkout and product pages and the app's billing and course pages are the demo shop's storefront
 * (deploy's {@code DemoStorefront}): the links in its messages lead here.
 */
final class DemoPages implements HttpHandler {

  static final String SHOPPER = "demo-shopper";
  static final String APP_USER = "demo-app-user";

  private final DemoServer.DemoSettings settings;
  private final DemoActions actions;
  private final ShopPages shop;
  private final AppPages app;

  DemoPages(DemoServer.DemoSettings settings, DemoActions actions, DemoCatalog catalog) {
    this.settings = settings;
    this.actions = actions;
    this.shop = new ShopPages(actions, catalog);
    this.app = new AppPages();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    try {
      if (path.equals("/act")) {
        act(exchange);
        return;
      }
      Optional<String> page = page(path);
      if (page.isPresent()) {
        send(exchange, 200, "text/html", page.get());
      } else {
        send(exchange, 404, "text/plain", "not found");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      send(exchange, 503, "text/plain", "interrupted");
    }
  }

  private Optional<String> page(String path) throws InterruptedException {
    String[] parts = path.replaceAll("/+$", "").split("/", -1);
    String section = parts.length > 1 ? parts[1] : "";
    String sub = parts.length > 2 ? parts[2] : "";
    String id = parts.length > 3 ? parts[3] : null;
    if (parts.length > 4) {
      return Optional.empty();
    }
    return switch (section + "/" + sub) {
      case "/" -> Optional.of(landing());
      case "shop/" -> Optional.of(page("Demo Shop", widget(SHOPPER), shop.front()));
      case "shop/cart", "shop/checkout" -> Optional.of(page("Your cart", widget(SHOPPER), shop.cart()));
      case "shop/products" -> {
        Optional<String> product = Optional.ofNullable(id).flatMap(shop::product);
        yield product.isEmpty() ? product : Optional.of(page("Demo Shop", widget(SHOPPER), product.get()));
      }
      case "app/" -> Optional.of(page("Cloud Drive", widget(APP_USER), app.home()));
      case "app/billing" -> Optional.of(page("Cloud Drive — plans", widget(APP_USER), app.billing()));
      case "app/courses" -> Optional.ofNullable(id).map(course -> page("Cloud Drive — course", "", app.course(course)));
      default -> Optional.empty();
    };
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

  private String widget(String customer) throws InterruptedException {
    String token = actions.token(customer);
    return token == null ? "" : "<script src=\"" + escape(settings.notifier()) + "/widget.js\" data-token=\""
        + escape(token) + "\" async></script>";
  }

  /** A form posting one action of {@link DemoActions}; {@code extra} is more of the form (already HTML). */
  static String button(String what, String value, String label, String extra) {
    return "<form method=post action=/act><input type=hidden name=what value=\"" + escape(what) + "\">"
        + "<input type=hidden name=value value=\"" + escape(value) + "\">" + extra + "<button>" + escape(label)
        + "</button></form>";
  }

  static String button(String what, String value, String label) {
    return button(what, value, label, "");
  }

  static String money(long minor) {
    return String.format("£%.2f", minor / 100.0);
  }

  private static String page(String title, String head, String body) {
    return "<!doctype html><html lang=en><head><meta charset=utf-8><title>" + escape(title) + "</title>"
        + "<style>body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto}form{display:inline}"
        + ".grid{display:grid;grid-template-columns:repeat(4,1fr);gap:1em}.card{border:1px solid #ddd;"
        + "border-radius:8px;padding:1em}button{margin:.5em .3em 0 0}td,th{padding:.3em 1em;text-align:left}"
        + "</style></head><body>" + body + head + "</body></html>";
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
