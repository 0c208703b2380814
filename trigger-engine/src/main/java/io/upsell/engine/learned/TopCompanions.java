package io.upsell.engine.learned;

import io.upsell.engine.topology.StateReader;
import io.upsell.engine.topology.StateSerde;
import io.upsell.engine.topology.StateWriter;
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

  /**
   * Records that {@code productId} has now been bought together {@code orders} times. The list stays sorted best
   * first; as a count only grows, its companion only moves up, so one pass from its old place (or the end) suffices.
   *
   * @return whether the list changed (a companion that does not make the list leaves it as it was)
   */
  boolean offer(String productId, long orders) {
    BoughtTogether.Companion now = new BoughtTogether.Companion(productId, orders);
    // A list read from a release that kept more is cut to KEEP first, so the last place is always KEEP - 1.
    boolean trimmed = best.size() > KEEP;
    if (trimmed) {
      best.subList(KEEP, best.size()).clear();
    }
    int at = indexOf(productId);
    if (at < 0) {
      if (best.size() >= KEEP && BEST_FIRST.compare(now, best.get(KEEP - 1)) >= 0) {
        return trimmed;
      }
      if (best.size() >= KEEP) {
        best.remove(KEEP - 1);
      }
      best.add(now);
      at = best.size() - 1;
    } else {
      best.set(at, now);
    }
    while (at > 0 && BEST_FIRST.compare(now, best.get(at - 1)) < 0) {
      best.set(at, best.get(at - 1));
      best.set(--at, now);
    }
    return true;
  }

  private int indexOf(String productId) {
    for (int i = 0; i < best.size(); i++) {
      if (best.get(i).productId().equals(productId)) {
        return i;
      }
    }
    return -1;
  }

  /** The binary layout of a top list in its store: size, then each companion's product id and count. */
  public static final StateSerde.Codec<TopCompanions> CODEC = new StateSerde.Codec<>() {
    @Override
    public void write(TopCompanions top, StateWriter out) {
      out.writeVarint(top.best.size());
      for (BoughtTogether.Companion companion : top.best) {
        out.writeString(companion.productId());
        out.writeLong(companion.orders());
      }
    }

    @Override
    public TopCompanions read(StateReader in) {
      TopCompanions top = new TopCompanions();
      for (int i = in.readVarint(); i > 0; i--) {
        top.best.add(new BoughtTogether.Companion(in.readString(), in.readLong()));
      }
      return top;
    }
  };
}
