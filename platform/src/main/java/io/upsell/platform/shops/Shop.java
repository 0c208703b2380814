package io.upsell.platform.shops;

import java.time.ZoneId;
import java.util.Optional;

/**
 * A tenant: its id, display name, zone, currency, default locale, its storefront's pages, and the secrets it
 * authenticates with. The API key is held only as its SHA-256; the webhook secret is held as given because
 * verifying an HMAC needs it.
 */
public record Shop(String id, String name, ZoneId timeZone, String currency, byte[] apiKeySha256,
    Optional<String> webhookSecret, String defaultLocale, Storefront storefront) {

  /** A shop with no storefront pages known and English as its default locale. */
  public Shop(String id, String name, ZoneId timeZone, String currency, byte[] apiKeySha256,
      Optional<String> webhookSecret) {
    this(id, name, timeZone, currency, apiKeySha256, webhookSecret, "en", Storefront.NONE);
  }

  @Override
  public String toString() {
    // Never print secrets, not even their hashes.
    return "Shop[" + id + "]";
  }
}
