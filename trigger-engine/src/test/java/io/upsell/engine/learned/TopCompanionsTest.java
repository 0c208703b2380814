package io.upsell.engine.learned;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The incremental top list against a brute-force sort of every count. */
class TopCompanionsTest {

  // The whole truth: every companion's count, sorted count desc then id asc, cut to KEEP.
  private static List<BoughtTogether.Companion> bruteForce(Map<String, Long> counts) {
    return counts.entrySet().stream().map(e -> new BoughtTogether.Companion(e.getKey(), e.getValue()))
        .sorted(Comparator.comparingLong(BoughtTogether.Companion::orders).reversed()
            .thenComparing(BoughtTogether.Companion::productId))
        .limit(TopCompanions.KEEP).toList();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2026})
  void randomIncrementsKeepTheSameListAsSortingEveryCount(long seed) {
    Random random = new Random(seed);
    TopCompanions top = new TopCompanions();
    Map<String, Long> counts = new HashMap<>();
    for (int step = 0; step < 5_000; step++) {
      // 25 companions with few distinct counts: ties, entries at places 6-10 and at the KEEP boundary all the time.
      String product = "p" + random.nextInt(25);
      long now = counts.merge(product, 1L + random.nextInt(2), Long::sum);
      List<BoughtTogether.Companion> before = List.copyOf(top.best);

      boolean changed = top.offer(product, now);

      assertThat(top.best).as("after step %d (seed %d)", step, seed).containsExactlyElementsOf(bruteForce(counts));
      assertThat(changed).as("changed at step %d", step).isEqualTo(!before.equals(top.best));
    }
    assertThat(top.best).hasSize(TopCompanions.KEEP);
  }

  @Test
  void aCompanionTyingTheLastPlaceEntersOnlyIfItsIdSortsFirst() {
    TopCompanions top = new TopCompanions();
    for (int i = 0; i < TopCompanions.KEEP; i++) {
      top.offer("m" + i, 5);
    }

    assertThat(top.offer("z", 5)).isFalse();
    assertThat(top.offer("a", 5)).isTrue();

    assertThat(top.best).hasSize(TopCompanions.KEEP);
    assertThat(top.best.get(0).productId()).isEqualTo("a");
    assertThat(top.best).extracting(BoughtTogether.Companion::productId).doesNotContain("m9", "z");
  }

  @Test
  void aListLongerThanKeptIsCutToKeepOnTheNextOffer() {
    TopCompanions top = new TopCompanions();
    List<BoughtTogether.Companion> stored = new ArrayList<>();
    for (int i = 0; i < TopCompanions.KEEP + 3; i++) {
      stored.add(new BoughtTogether.Companion("p" + (10 + i), 100 - i));
    }
    top.best.addAll(stored);

    assertThat(top.offer("x", 1)).as("cutting the list is a change to store").isTrue();

    assertThat(top.best).containsExactlyElementsOf(stored.subList(0, TopCompanions.KEEP));
  }
}
