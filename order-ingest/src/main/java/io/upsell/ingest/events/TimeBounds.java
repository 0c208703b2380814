package io.upsell.ingest.events;

import java.time.Instant;

/**
 * The instants every time field of an event must lie between: Kafka refuses record timestamps before 1970, Avro's
 * {@code timestamp-millis} overflows a long near the year 292 million, and a four-digit year is what every consumer
 * (engine timers, analytics periods, dashboards) can print and parse.
 */
public final class TimeBounds {

  public static final int LATEST_YEAR = 9999;
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private TimeBounds() {}
}
