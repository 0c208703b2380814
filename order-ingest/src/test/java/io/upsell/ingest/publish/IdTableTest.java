package io.upsell.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The compact table of seen ids: found with their time, the later time kept, forgotten by age, grown and shrunk. */
class IdTableTest {

  private static final long NOW = 1_763_900_000_000L;

  private final IdTable table = new IdTable();

  @Test
  void anIdIsFoundWithTheLaterOfItsTimesAndAnotherIsNot() {
    table.put("shop-a:e-1", NOW);
    table.put("shop-a:e-1", NOW - 60_000);

    assertThat(table.seenAt("shop-a:e-1")).isEqualTo(NOW);
    assertThat(table.seenAt("shop-b:e-1")).isEqualTo(-1);
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void idsLastSeenBeforeTheCutAreForgottenAndTheOthersKept() {
    table.put("shop-a:old", NOW - 8 * 86_400_000L);
    table.put("shop-a:new", NOW - 86_400_000L);

    table.forgetBefore(NOW - 7 * 86_400_000L);

    assertThat(table.seenAt("shop-a:old")).isEqualTo(-1);
    assertThat(table.seenAt("shop-a:new")).isEqualTo(NOW - 86_400_000L);
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void manyIdsAreAllFoundAfterTheTableGrewAndShrank() {
    int count = 200_000;
    int keptEvery = 20; // 5% kept: below the 1/8 fill at which a segment shrinks
    for (int i = 0; i < count; i++) {
      table.put("shop-a:e-" + i, i % keptEvery == 0 ? NOW : NOW - 10_000_000);
    }
    assertThat(table.size()).isEqualTo(count);
    int grown = table.capacity();
    assertThat(grown).as("grown past the initial 16 x 1024 slots").isGreaterThanOrEqualTo(2 * count);

    table.forgetBefore(NOW - 1000);

    assertThat(table.size()).isEqualTo(count / keptEvery);
    assertThat(table.capacity()).as("shrunk").isLessThanOrEqualTo(grown / 4);
    for (int i = 0; i < count; i++) {
      assertThat(table.seenAt("shop-a:e-" + i)).isEqualTo(i % keptEvery == 0 ? NOW : -1);
    }
    assertThat(table.seenAt("shop-a:e-" + count)).isEqualTo(-1);
    table.put("shop-a:after", NOW);
    assertThat(table.seenAt("shop-a:after")).isEqualTo(NOW);
  }

  @Test
  void aTimeBetweenSecondsIsKeptAsTheNextSecondSoAnIdIsNeverForgottenEarly() {
    table.put("shop-a:e-1", NOW + 1);

    assertThat(table.seenAt("shop-a:e-1")).isEqualTo(NOW + 1000);
    table.forgetBefore(NOW + 1);
    assertThat(table.seenAt("shop-a:e-1")).isEqualTo(NOW + 1000);
  }

  @Test
  void aSlidingWindowExpiredInPlaceKeepsExactlyTheIdsInsideIt() {
    int perSecond = 5_000;
    int window = 4;
    for (int second = 0; second < 12; second++) {
      for (int i = 0; i < perSecond; i++) {
        table.put("shop-a:" + second + "-" + i, NOW + second * 1000L);
      }
      table.forgetBefore(NOW + (second - window + 1) * 1000L);

      int oldestKept = Math.max(0, second - window + 1);
      assertThat(table.size()).isEqualTo((second - oldestKept + 1) * perSecond);
      for (int earlier = 0; earlier <= second; earlier++) {
        long expected = earlier >= oldestKept ? NOW + earlier * 1000L : -1;
        for (int i = 0; i < perSecond; i += 7) {
          assertThat(table.seenAt("shop-a:" + earlier + "-" + i)).isEqualTo(expected);
        }
      }
    }
  }
}
