package io.upsell.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.upsell.deploy.DemoStorefront;
import io.upsell.deploy.StackHome;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.platform.shops.Storefront;
import io.upsell.platform.shops.Storefront.Page;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The links of the demo shop's messages lead to pages the demo serves, not to a 404. */
class DemoStorefrontPagesTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyStorefrontPageOfTheDemoShopIsAPageTheDemoServes(@TempDir Path dir) throws Exception {
    String shared = System.getProperty("upsell.shared.dir");
    System.setProperty("upsell.shared.dir", dir.toString()); // no shop data: the built-in catalog
    try {
      assertEveryPageIsServed(dir);
    } finally {
      if (shared == null) {
        System.clearProperty("upsell.shared.dir");
      } else {
        System.setProperty("upsell.shared.dir", shared);
      }
    }
  }

  private void assertEveryPageIsServed(Path dir) throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Files.writeString(dir.resolve("demo-shop.env"), "DEMO_SHOP_API_KEY=demo_test\n");
    Files.writeString(dir.resolve("shops.properties"), "shop.demo.api-key-sha256="
        + ShopDirectory.hashKey("demo_test") + "\n");
    StackHome home = new StackHome(dir, dir);
    DemoStorefront.write(home, "http://127.0.0.1:" + port);
    Storefront storefront = ShopDirectory.load(home.shopsFile()).find("demo").orElseThrow().storefront();
    // Services on closed ports: the pages must render without them (no widget, no events).
    String closed = "http://127.0.0.1:1";
    HttpServer server = DemoServer.serve(new String[] {"--port", Integer.toString(port), "--ingest", closed,
        "--notifier", closed, "--engine", closed, "--analytics", closed, "--mail-api", closed,
        "--credentials", dir.resolve("demo-shop.env").toString()});
    try {
      Map<String, String> values = Map.of("productId", DemoCatalog.builtIn().items().get(0).productId(),
          "courseId", "course-intro", "cartId", "cart-1");
      for (Page page : Page.values()) {
        String url = storefront.url(page, values).orElseThrow();
        assertThat(status(url)).as(page + " at " + url).isEqualTo(200);
      }
      assertThat(status(storefront.url(Page.PRODUCT, Map.of("productId", "no-such-product")).orElseThrow()))
          .as("a product the demo does not sell").isEqualTo(404);
    } finally {
      server.stop(0);
    }
  }

  private int status(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
