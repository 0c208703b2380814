package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.StoreReader;
import io.upsell.schemas.app.CourseProgress;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.platform.shops.Storefront;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** A course reaching completed offers the next course of the catalog, else a membership trial; once per course. */
public final class CourseCompletedTrigger extends WatchedTrigger<CourseProgress> {

  @Override
  public TriggerType type() {
    return TriggerType.COURSE_COMPLETED;
  }

  @Override
  KStream<String, CourseProgress> source(EngineContext engine) {
    return engine.sources().stream(Topics.APP_COURSES);
  }

  @Override
  public boolean offersProducts() {
    return true;
  }

  // Fired at once; only a quiet-hours delay makes it a timer, and a newer event must not cancel that.
  @Override
  public boolean stillHolds(UpsellTrigger due, StoreReader stores) {
    return true;
  }

  // The next course as the catalog describes it; the button leads to the course's page on the shop.
  private static Offer nextCourse(Detector<CourseProgress> detector, ShopSettings settings, String shopId,
      String course) {
    OfferItems described = new OfferItems(detector.products(), shopId, settings);
    String currency = described.currencyOf(List.of(course), settings);
    Offer offer = Candidates.products(described.ofProducts(List.of(course), currency), currency,
        settings.storefront().url(Storefront.Page.COURSE, Map.of("courseId", course)).orElse(null));
    offer.setCourseId(course);
    return offer;
  }

  @Override
  void detect(Record<String, CourseProgress> record, Detector<CourseProgress> detector) {
    CourseProgress progress = record.value();
    String watchKey = record.key() + "|" + progress.getCourseId();
    KeyValueStore<String, Watch> watches = detector.store(storeName());
    if (!progress.getCompleted() || watches.get(watchKey) != null) {
      return;
    }
    watches.put(watchKey, new Watch().seen(progress.getEventId(), record.timestamp()));
    ShopSettings settings = detector.settings(record.key());
    Optional<String> next = detector.products().nextCourse(progress.getShopId(), progress.getCourseId());
    Offer offer = next.map(course -> nextCourse(detector, settings, progress.getShopId(), course))
        .orElseGet(() -> Candidates.plan(settings.setting(type(), "trialPlan", "membership-trial"), null));
    String reason = "completed course " + progress.getCourseId()
        + next.map(c -> "; next course " + c).orElse("; membership trial");
    detector.emit(Candidates.candidate(type(), 1, record.key(), reason, offer, List.of(progress.getEventId()),
        record.timestamp(), record.timestamp(), settings));
  }
}
