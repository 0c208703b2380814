package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.StoreReader;
import io.upsell.schemas.app.SubscriptionChanged;
import io.upsell.schemas.app.SubscriptionStatus;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.PlanInfo;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A live subscription that will not renew itself and expires within the window (7 days) is offered a renewal at the
 * window's start, and beside it the plan's yearly counterpart where the catalog has one (see {@link PlanLadder});
 * any newer change to the subscription (a renewal, auto-renew switched on) cancels it.
 */
public final class SubscriptionExpiringTrigger extends WatchedTrigger<SubscriptionChanged> {

  @Override
  public TriggerType type() {
    return TriggerType.SUBSCRIPTION_EXPIRING;
  }

  @Override
  KStream<String, SubscriptionChanged> source(EngineContext engine) {
    return engine.sources().stream(Topics.APP_SUBSCRIPTIONS);
  }

  @Override
  public boolean servicePrompt() {
    return true;
  }

  // The plan as the catalog knows it, else as the subscription describes it.
  private static Offer renewal(PlanLadder ladder, SubscriptionChanged change, ShopSettings settings) {
    Optional<Product> plan = ladder.plan(change.getPlan());
    PlanInfo renewal = plan.map(PlanLadder::info).orElseGet(() -> PlanInfo.newBuilder().setPlanId(change.getPlan())
        .setPriceMinor(change.getPriceMinor()).setCurrency(change.getCurrency()).build());
    Offer offer = PlanOffers.offer(plan, Optional.of(renewal), null, settings);
    offer.setAlternativePlan(plan.flatMap(ladder::yearlyOf).map(PlanLadder::info).orElse(null));
    return offer;
  }

  @Override
  void detect(Record<String, SubscriptionChanged> record, Detector<SubscriptionChanged> detector) {
    SubscriptionChanged change = record.value();
    KeyValueStore<String, Watch> watches = detector.store(storeName());
    Watch watch = watchOf(watches, record.key());
    if (watch.isStale(record.timestamp())) {
      return;
    }
    watches.put(record.key(), watch.seen(change.getEventId(), record.timestamp()));
    boolean live = change.getStatus() == SubscriptionStatus.ACTIVE || change.getStatus() == SubscriptionStatus.TRIALING;
    if (!live || change.getAutoRenew() || change.getExpiresAt() == null) {
      return;
    }
    ShopSettings settings = detector.settings(record.key());
    long expires = change.getExpiresAt().toEpochMilli();
    long due = Math.max(record.timestamp(), expires - settings.number(type(), "daysBefore", 7) * 86_400_000L);
    if (due < expires) {
      detector.emit(Candidates.candidate(type(), 1, record.key(), "plan " + change.getPlan() + " expires " + change.getExpiresAt(),
          renewal(detector.products().plans(change.getShopId()), change, settings), List.of(change.getEventId()), record.timestamp(), due, settings));
    }
  }
}
