package io.upsell.ingest.publish;

import io.upsell.schemas.topics.Keys;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What Kafka would refuse in a record — a timestamp before 1970, key and value beyond the producer's request limit,
 * an event id that cannot be an idempotency key — checked before the record joins a transaction it shares with other
 * requests: there a refusal would abort the whole group, and a retry would fail the same way.
 */
public final class RecordLimits {

  /** Key and value together, below the producer's 1 MiB request limit (which also counts headers and framing). */
  public static final int MAX_RECORD_BYTES = 900 * 1024;

  private RecordLimits() {}

  /** True when key and value together exceed {@link #MAX_RECORD_BYTES}. */
  public static boolean oversize(Outgoing record) {
    return record.key() != null && record.value() != null
        && (long) record.key().getBytes(StandardCharsets.UTF_8).length + record.value().length > MAX_RECORD_BYTES;
  }

  /** Why Kafka (or the idempotency log) would refuse {@code record}, or empty when it can be written. */
  public static Optional<String> problem(Outgoing record) {
    if (record.topic() == null || record.key() == null || record.value() == null) {
      return Optional.of("record without topic, key or value");
    }
    if (record.timestamp() < 0) {
      return Optional.of("record timestamp " + record.timestamp() + " is before 1970");
    }
    if (oversize(record)) {
      return Optional.of("record key and value are larger than " + MAX_RECORD_BYTES + " bytes");
    }
    return Keys.idProblem(record.eventId()).map(reason -> "eventId " + reason);
  }
}
