package io.upsell.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The arithmetic period ids every event uses name the same local period starts as java.time's calendar does. */
class GranularityTest {

  private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Riyadh"),
      ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Asia/Kolkata"),
      ZoneId.of("Pacific/Chatham"), ZoneId.of("America/St_Johns"));

  @Test
  void periodIdsMatchTheCalendarInEveryZoneAcrossDaylightSavingAndBefore1970() {
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      // 1950 to 2050, to the millisecond.
      long at = -631_152_000_000L + (long) (random.nextDouble() * 3_155_760_000_000L);
      ZoneId zone = ZONES.get(i % ZONES.size());
      long[] ids = Granularity.periodsOf(at, zone);
      for (Granularity g : Granularity.LIST) {
        assertThat(ids[g.ordinal()]).as("%s %s in %s", g, Instant.ofEpochMilli(at), zone)
            .isEqualTo(Granularity.id(g.startOf(Instant.ofEpochMilli(at), zone)));
      }
    }
  }
}
