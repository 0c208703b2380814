package io.upsell.platform.shops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ShopDirectoryTest {

  private static ShopDirectory twoShops() {
    Properties p = new Properties();
    p.setProperty("shop.alpha.api-key-sha256", ShopDirectory.hashKey("key-alpha"));
    p.setProperty("shop.alpha.webhook-secret", "whsec-alpha");
    p.setProperty("shop.alpha.time-zone", "Asia/Riyadh");
    p.setProperty("shop.beta.api-key-sha256", ShopDirectory.hashKey("key-beta"));
    return ShopDirectory.parse(p);
  }

  @Test
  void anApiKeyAuthenticatesItsOwnShopOnly() {
    ShopDirectory shops = twoShops();
    assertThat(shops.authenticate("key-alpha")).map(Shop::id).contains("alpha");
    assertThat(shops.authenticate("key-beta")).map(Shop::id).contains("beta");
    assertThat(shops.authenticate("key-alph")).isEmpty();
    assertThat(shops.authenticate("")).isEmpty();
    assertThat(shops.authenticate(null)).isEmpty();
  }

  @Test
  void readsZoneAndWebhookSecretWithDefaults() {
    Shop alpha = twoShops().find("alpha").orElseThrow();
    Shop beta = twoShops().find("beta").orElseThrow();
    assertThat(alpha.timeZone().getId()).isEqualTo("Asia/Riyadh");
    assertThat(alpha.webhookSecret()).contains("whsec-alpha");
    assertThat(beta.timeZone().getId()).isEqualTo("UTC");
    assertThat(beta.webhookSecret()).isEmpty();
  }

  @Test
  void refusesAShopWithoutAHashedKey() {
    Properties p = new Properties();
    p.setProperty("shop.gamma.api-key-sha256", "plaintext-key");
    assertThatThrownBy(() -> ShopDirectory.parse(p)).hasMessageContaining("shop.gamma.api-key-sha256");
  }

  @Test
  void neverPrintsSecrets() {
    assertThat(twoShops().find("alpha").orElseThrow().toString()).isEqualTo("Shop[alpha]");
  }
}
