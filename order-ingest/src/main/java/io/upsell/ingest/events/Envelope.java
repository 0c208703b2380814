package io.upsell.ingest.events;

import java.time.Instant;

/** What every event carries besides its own fields: the tenant, the idempotency key, who, and when. */
public record Envelope(String shopId, String eventId, String customerId, Instant occurredAt, String currency) {

  /** The currency named by the event, or the shop's when the event names none. */
  public String currencyOr(String named) {
    return named == null ? currency : named;
  }
}
