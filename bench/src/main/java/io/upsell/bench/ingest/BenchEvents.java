package io.upsell.bench.ingest;

import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import java.time.Instant;

/** The benchmark's event: a ~200-byte usage_reported, each with a fresh eventId and one of 10,000 customers. */
final class BenchEvents {

  private static final long AT = 1_763_800_000_000L;

  private BenchEvents() {}

  static String usage(long n) {
    return "{\"type\":\"usage_reported\",\"eventId\":\"bench-" + n + "-" + RUN + "\",\"customerId\":\"c-" + (n % 10_000)
        + "\",\"occurredAt\":" + AT + ",\"resource\":\"storage\",\"usedUnits\":" + (n % 100)
        + ",\"quotaUnits\":100,\"plan\":\"basic\"}";
  }

  /** The Avro bytes the service writes for such an event, so the ceiling sends records of the same size. */
  static byte[] encoded() {
    UsageReported usage = UsageReported.newBuilder().setShopId("shop-a").setCustomerId("c-1234")
        .setEventId("bench-123456-" + RUN).setOccurredAt(Instant.ofEpochMilli(AT)).setResource("storage")
        .setUsedUnits(42).setQuotaUnits(100).setPlan("basic").build();
    return EventSerdes.singleObject().valueSerde(Topics.APP_USAGE).serializer()
        .serialize(Topics.APP_USAGE.name(), usage);
  }

  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
}
