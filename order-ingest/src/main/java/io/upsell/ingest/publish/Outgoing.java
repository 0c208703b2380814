package io.upsell.ingest.publish;

/** One encoded record to publish; {@code eventId} is its idempotency key within the shop the key names. */
public record Outgoing(String topic, String key, byte[] value, long timestamp, String eventId) {}
