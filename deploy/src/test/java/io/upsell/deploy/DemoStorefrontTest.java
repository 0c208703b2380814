package io.upsell.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.platform.shops.ShopDirectory;
import io.upsell.platform.shops.Storefront.Page;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoStorefrontTest {

  @Test
  void aRestartOnAnotherDemoPortMovesEveryLinkAndKeepsTheShopsKey(@TempDir Path dir) throws Exception {
    StackHome home = new StackHome(dir, dir);
    DemoShop.ensure(home);
    String apiKey = DemoCredentials.apiKey(home.demoShopEnv());

    DemoStorefront.write(home, "http://127.0.0.1:18080");
    DemoStorefront.write(home, "http://127.0.0.1:18181");

    ShopDirectory shops = ShopDirectory.load(home.shopsFile());
    var storefront = shops.find(DemoShop.ID).orElseThrow().storefront();
    assertThat(storefront.url(Page.CART, Map.of())).contains("http://127.0.0.1:18181/shop/cart");
    assertThat(storefront.url(Page.PRODUCT, Map.of("productId", "85123A")))
        .contains("http://127.0.0.1:18181/shop/products/85123A");
    assertThat(storefront.url(Page.BILLING, Map.of())).contains("http://127.0.0.1:18181/app/billing");
    assertThat(Files.readString(home.shopsFile())).doesNotContain("18080");
    assertThat(shops.authenticate(apiKey)).as("the demo shop's key still opens it").isPresent();
  }
}
