package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.topology.EngineContext;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.upsell.PlanInfo;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Storage use at or above the first threshold (80%), then the second (95%), fires once per crossing; dropping
 * below a threshold re-arms it. It offers the cheapest higher plan whose storage quota holds the usage with the
 * headroom (25%) to spare; a customer on the top plan gets none (the decider refuses it: TOP_PLAN), one whose plan
 * the catalog does not know gets the prompt with the usage and no plan named.
 */
public final class StorageNearFullTrigger extends ImmediatePromptTrigger<UsageReported> {

  @Override
  public TriggerType type() {
    return TriggerType.STORAGE_NEAR_FULL;
  }

  @Override
  public boolean offersUpgrade() {
    return true;
  }

  @Override
  KStream<String, UsageReported> source(EngineContext engine) {
    return engine.sources().stream(Topics.APP_USAGE);
  }

  @Override
  void detect(Record<String, UsageReported> record, Detector<UsageReported> detector) {
    UsageReported usage = record.value();
    if (!"storage".equalsIgnoreCase(usage.getResource()) || usage.getQuotaUnits() <= 0) {
      return;
    }
    KeyValueStore<String, Watch> watches = detector.store(storeName());
    Watch watch = watchOf(watches, record.key());
    if (watch.isStale(record.timestamp())) {
      return;
    }
    ShopSettings settings = detector.settings(record.key());
    long percent = usage.getUsedUnits() * 100 / usage.getQuotaUnits();
    int level = percent >= settings.number(type(), "secondThresholdPercent", 95) ? 2
        : percent >= settings.number(type(), "thresholdPercent", 80) ? 1 : 0;
    int armed = watch.level;
    watch.seen(usage.getEventId(), record.timestamp()).level = level;
    watches.put(record.key(), watch);
    if (level > armed) {
      PlanLadder ladder = detector.products().plans(usage.getShopId());
      Optional<Product> current = ladder.plan(usage.getPlan());
      Optional<PlanInfo> upgrade = current.flatMap(plan -> ladder.upgradeFor(plan, usage.getResource(),
          usage.getUsedUnits(), settings.declared(type(), "headroomPercent"))).map(PlanLadder::info);
      detector.emit(Candidates.candidate(type(), level, record.key(), "storage at " + percent + "% of quota"
          + upgrade.map(p -> "; " + p.getPlanId() + " holds it").orElse(""),
          PlanOffers.offer(current, upgrade, PlanOffers.usage(usage, current), settings), List.of(usage.getEventId()), record.timestamp(), record.timestamp(),
          settings));
    }
  }
}
