package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.topology.EngineContext;
import io.upsell.schemas.app.SubscriptionChanged;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import java.util.ArrayList;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.upsell.PlanInfo;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A request for a feature of a higher plan offers that plan (the cheapest higher one where the catalog does not know
 * the plan the request names), once per feature while on the current plan; moving to the required plan ends it. A
 * customer on the top plan gets none (TOP_PLAN).
 */
public final class PlanLimitHitTrigger extends ImmediatePromptTrigger<SpecificRecord> {

  @Override
  public TriggerType type() {
    return TriggerType.PLAN_LIMIT_HIT;
  }

  @Override
  public boolean offersUpgrade() {
    return true;
  }

  @Override
  KStream<String, SpecificRecord> source(EngineContext engine) {
    return engine.sources().merged(Topics.APP_USAGE, Topics.APP_SUBSCRIPTIONS);
  }

  @Override
  void detect(Record<String, SpecificRecord> record, Detector<SpecificRecord> detector) {
    KeyValueStore<String, Watch> watches = detector.store(storeName());
    Watch watch = watchOf(watches, record.key());
    if (record.value() instanceof SubscriptionChanged change && record.timestamp() >= watch.exitAt) {
      watch.exitAt = record.timestamp();
      watch.plan = change.getPlan();
      watch.items = new ArrayList<>();
      watches.put(record.key(), watch);
    } else if (record.value() instanceof UsageReported usage && usage.getRequestedFeature() != null) {
      String required = usage.getRequiredPlan();
      String feature = usage.getRequestedFeature();
      if (watch.items.contains(feature) || (required != null && required.equals(watch.plan))
          || record.timestamp() < watch.exitAt) {
        return;
      }
      watch.items = new ArrayList<>(watch.items);
      watch.items.add(feature);
      watches.put(record.key(), watch.seen(usage.getEventId(), record.timestamp()));
      ShopSettings settings = detector.settings(record.key());
      PlanLadder ladder = detector.products().plans(usage.getShopId());
      Optional<Product> current = ladder.plan(usage.getPlan());
      Optional<PlanInfo> offered = ladder.plan(required)
          .or(() -> current.flatMap(plan -> ladder.above(plan).stream().findFirst())).map(PlanLadder::info)
          .or(() -> Optional.ofNullable(required).filter(r -> current.isEmpty())
              .map(r -> PlanInfo.newBuilder().setPlanId(r).build()));
      detector.emit(Candidates.candidate(type(), 1, record.key(), "asked for '" + feature + "', part of a higher plan",
          PlanOffers.offer(current, offered, PlanOffers.usage(usage, current), settings), List.of(usage.getEventId()), record.timestamp(), record.timestamp(),
          settings));
    }
  }
}
