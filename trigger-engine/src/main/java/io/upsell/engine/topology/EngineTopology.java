package io.upsell.engine.topology;

import io.upsell.engine.config.EngineConfig;
import io.upsell.engine.learned.BoughtTogether;
import io.upsell.engine.policy.CouponCodes;
import io.upsell.engine.policy.Decider;
import io.upsell.engine.policy.Decision;
import io.upsell.engine.policy.FactsKeeper;
import io.upsell.engine.triggers.CartAbandonedTrigger;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.engine.triggers.CheckoutAbandonedTrigger;
import io.upsell.engine.triggers.CourseCompletedTrigger;
import io.upsell.engine.triggers.FrequentlyBoughtTogetherTrigger;
import io.upsell.engine.triggers.PlanLimitHitTrigger;
import io.upsell.engine.triggers.PostPurchaseCrossSellTrigger;
import io.upsell.engine.triggers.ProductUpgradeTrigger;
import io.upsell.engine.triggers.ReplenishmentDueTrigger;
import io.upsell.engine.triggers.StorageNearFullTrigger;
import io.upsell.engine.triggers.SubscriptionExpiringTrigger;
import io.upsell.engine.triggers.Trigger;
import io.upsell.engine.triggers.WinBackTrigger;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The whole engine as one plain topology: the catalog's triggers find candidates, the decider times and judges
 * them, decisions go to {@code upsell.triggers} / {@code upsell.suppressed} (or, in a backtest, to a report).
 */
public final class EngineTopology {

  /** Every trigger of the catalog. */
  public static List<Trigger> catalog() {
    return List.of(new CartAbandonedTrigger(), new CheckoutAbandonedTrigger(), new PostPurchaseCrossSellTrigger(),
        new FrequentlyBoughtTogetherTrigger(), new ReplenishmentDueTrigger(), new StorageNearFullTrigger(),
        new PlanLimitHitTrigger(), new SubscriptionExpiringTrigger(), new CourseCompletedTrigger(), new WinBackTrigger(),
        new ProductUpgradeTrigger());
  }

  private EngineTopology() {}

  /**
   * The production topology: all raw records in, decisions to the contract's topics; {@code shops} says where each
   * shop's pages are and which currency it sells in.
   */
  public static Topology live(EngineConfig config, EventSerdes serdes, ShopDirectory shops) {
    CouponCodes.requireStrong(config.couponSecret());
    return build(config, serdes, shops, Scope.everything(), null, toLiveTopics(serdes));
  }

  /** Fired triggers to {@code upsell.triggers}, refusals (holdout included) to {@code upsell.suppressed}. */
  public static Consumer<KStream<String, Decision>> toLiveTopics(EventSerdes serdes) {
    return decisions -> {
      decisions.filter((k, d) -> d.isFired()).mapValues(Decision::fired)
          .to(Topics.UPSELL_TRIGGERS.name(), Produced.with(serdes.keySerde(), serdes.valueSerde(Topics.UPSELL_TRIGGERS)));
      decisions.filter((k, d) -> !d.isFired()).mapValues(Decision::suppressed)
          .to(Topics.UPSELL_SUPPRESSED.name(),
              Produced.with(serdes.keySerde(), serdes.valueSerde(Topics.UPSELL_SUPPRESSED)));
    };
  }

  /**
   * The same topology with a scope (a backtest's shop and range), a backtest's way of replaying (null: live), and
   * the decisions handed to {@code sink} instead of the live topics.
   */
  public static Topology build(EngineConfig config, EventSerdes serdes, ShopDirectory shops, Scope scope, Replay replay,
      Consumer<KStream<String, Decision>> sink) {
    StreamsBuilder builder = new StreamsBuilder();
    EngineContext engine =
        new EngineContext(config, serdes, new Sources(builder, serdes, scope, replay != null), replay, shops);
    BoughtTogether.addTo(engine);
    FactsKeeper.addTo(engine);
    Map<TriggerType, Trigger> byType = new EnumMap<>(TriggerType.class);
    List<String> stores = new ArrayList<>(List.of(Decider.TIMERS, FactsKeeper.STORE));
    KStream<String, UpsellTrigger> candidates = null;
    for (Trigger trigger : catalog()) {
      byType.put(trigger.type(), trigger);
      stores.addAll(trigger.stores());
      KStream<String, UpsellTrigger> found = trigger.addTo(engine);
      candidates = candidates == null ? found : candidates.merge(found);
    }
    StateStores.add(engine.sources(), Decider.TIMERS, serdes.valueSerde(Topics.UPSELL_TRIGGERS));
    sink.accept(candidates.process(() -> new Decider(engine, byType), stores.toArray(String[]::new)));
    return builder.build();
  }
}
