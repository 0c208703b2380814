package io.upsell.platform.shops;

import java.time.ZoneId;
import java.util.Optional;

/**
 * A tenant: its id, display name and zone, and the secrets it authenticates with. The API key is held only as its
 * SHA-256; the webhook secret is held as given because verifying an HMAC needs it.
 */
public record Shop(String id, String name, ZoneId timeZone, String currency, byte[] apiKeySha256,
    Optional<String> webhookSecret) {

  @Override
  public String toString() {
    // Never print secrets, not even their hashes.
    return "Shop[" + id + "]";
  }
}
