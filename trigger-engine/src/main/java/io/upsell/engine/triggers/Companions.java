package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.learned.BoughtTogether;
import io.upsell.engine.topology.StoreReader;
import io.upsell.schemas.upsell.TriggerType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The learned companions of the products a customer holds: summed support across at most {@value #ANCHORS} anchor
 * products (each lookup reads one product's kept top list, so the work per event stays bounded), products held left
 * out; {@code topK} is at most {@link io.upsell.engine.learned.TopCompanions#MAX_OFFERED}, so the kept list leaves
 * room for the skipped ones.
 */
final class Companions {

  static final int ANCHORS = 3;

  private Companions() {}

  /** Companions of the first {@value #ANCHORS} of {@code anchors}, none of them in {@code held}. */
  static List<String> of(StoreReader stores, ShopSettings settings, TriggerType type, String shopId,
      List<String> anchors, Collection<String> held) {
    int k = (int) settings.number(type, "topK", 3);
    long minSupport = settings.number(type, "minSupport", 3);
    Map<String, Long> support = new HashMap<>();
    for (String product : anchors.subList(0, Math.min(ANCHORS, anchors.size()))) {
      for (var companion : BoughtTogether.companions(stores.store(BoughtTogether.TOP), shopId, product, k + held.size(),
          minSupport)) {
        if (!held.contains(companion.productId())) {
          support.merge(companion.productId(), companion.orders(), Long::sum);
        }
      }
    }
    List<Map.Entry<String, Long>> ranked = new ArrayList<>(support.entrySet());
    ranked.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
    return ranked.stream().limit(k).map(Map.Entry::getKey).toList();
  }
}
