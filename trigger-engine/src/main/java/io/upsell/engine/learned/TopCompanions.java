package io.upsell.engine.learned;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A product's best companions, kept exact incrementally: pair counts only grow and every change is offered here, so
 * a companion that overtakes the last of the list enters it. Reading companions is then one lookup, not a scan.
 */
public class TopCompanions {

  /** How many companions are kept per product; requests for more are served this many. */
  public static final int KEEP = 10;

  /**
   * The most companions a shop may have offered at once (its {@code topK}): half of what is kept, so the products a
   * cart already holds can be skipped and enough are left.
   */
  public static final int MAX_OFFERED = KEEP / 2;
  private static final Comparator<BoughtTogether.Companion> BEST_FIRST =
      Comparator.comparingLong(BoughtTogether.Companion::orders).reversed()
          .thenComparing(BoughtTogether.Companion::productId);

  public List<BoughtTogether.Companion> best = new ArrayList<>();

  /** Records that {@code productId} has now been bought together {@code orders} times. */
  void offer(String productId, long orders) {
    best.removeIf(c -> c.productId().equals(productId));
    best.add(new BoughtTogether.Companion(productId, orders));
    best.sort(BEST_FIRST);
    if (best.size() > KEEP) {
      best.remove(best.size() - 1);
    }
  }
}
