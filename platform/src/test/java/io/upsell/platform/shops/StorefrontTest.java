package io.upsell.platform.shops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsell.platform.shops.Storefront.Page;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StorefrontTest {

  private static Shop shop(String... settings) {
    Properties p = new Properties();
    p.setProperty("shop.s.api-key-sha256", ShopDirectory.hashKey("k"));
    for (int i = 0; i < settings.length; i += 2) {
      p.setProperty("shop.s." + settings[i], settings[i + 1]);
    }
    return ShopDirectory.parse(p).find("s").orElseThrow();
  }

  @Test
  void pagesResolveAgainstTheStorefrontUrlWithDefaultPatterns() {
    Storefront storefront = shop("storefront-url", "https://shop.example.com").storefront();

    assertThat(storefront.url(Page.CART, Map.of())).contains("https://shop.example.com/cart");
    assertThat(storefront.url(Page.PRODUCT, Map.of("productId", "mug 1")))
        .contains("https://shop.example.com/products/mug%201");
    assertThat(storefront.url(Page.BILLING, Map.of())).contains("https://shop.example.com/account/billing");
  }

  @Test
  void aShopsOwnPatternReplacesTheDefault() {
    Storefront storefront = shop("storefront-url", "https://shop.example.com/store/",
        "url.product", "p/{productId}.html", "url.cart", "https://checkout.example.com/basket").storefront();

    assertThat(storefront.url(Page.PRODUCT, Map.of("productId", "mug"))).contains("https://shop.example.com/store/p/mug.html");
    assertThat(storefront.url(Page.CART, Map.of())).contains("https://checkout.example.com/basket");
  }

  @Test
  void withoutAStorefrontUrlThereIsNoPage() {
    Storefront storefront = shop().storefront();

    assertThat(storefront.url(Page.CART, Map.of())).isEmpty();
  }

  @Test
  void aPatternNamingAValueNotGivenHasNoUrl() {
    assertThat(shop("storefront-url", "https://s.example").storefront().url(Page.PRODUCT, Map.of())).isEmpty();
  }

  @Test
  void refusesAStorefrontUrlThatIsNotHttp() {
    assertThatThrownBy(() -> shop("storefront-url", "ftp://shop.example.com"))
        .hasMessageContaining("shop.s.storefront-url");
  }

  @Test
  void readsTheDefaultLocale() {
    assertThat(shop("default-locale", "ar").defaultLocale()).isEqualTo("ar");
    assertThat(shop().defaultLocale()).isEqualTo("en");
  }
}
