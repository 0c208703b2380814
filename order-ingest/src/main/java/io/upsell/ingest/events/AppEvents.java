package io.upsell.ingest.events;

import io.upsell.schemas.app.CourseProgress;
import io.upsell.schemas.app.SubscriptionChanged;
import io.upsell.schemas.app.SubscriptionStatus;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.topics.Topics;

/** Native SaaS-app events: metered usage, subscription changes and course progress, each on its app.* topic. */
final class AppEvents {

  private AppEvents() {}

  static Draft<UsageReported> usageReported(Envelope e, Fields f) {
    UsageReported usage = UsageReported.newBuilder()
        .setShopId(e.shopId()).setCustomerId(e.customerId()).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setResource(f.text("resource"))
        .setUsedUnits(f.count("usedUnits"))
        .setQuotaUnits(f.count("quotaUnits"))
        .setPlan(f.optText("plan"))
        .setRequestedFeature(f.optText("requestedFeature"))
        .setRequiredPlan(f.optText("requiredPlan"))
        .setUnit(f.optText("unit"))
        .build();
    return new Draft<>(Topics.APP_USAGE, e.shopId(), e.customerId(), usage, e.occurredAt(), e.eventId());
  }

  static Draft<SubscriptionChanged> subscriptionChanged(Envelope e, Fields f) {
    Long price = f.optCount("priceMinor");
    SubscriptionChanged changed = SubscriptionChanged.newBuilder()
        .setShopId(e.shopId()).setCustomerId(e.customerId()).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setPlan(f.text("plan"))
        .setStatus(f.choice("status", SubscriptionStatus.class, SubscriptionStatus.ACTIVE))
        .setExpiresAt(f.optInstant("expiresAt"))
        .setAutoRenew(f.bool("autoRenew", false))
        .setPriceMinor(price)
        .setCurrency(price == null ? Currencies.read(f, "currency", null) : Currencies.read(f, "currency", e.currency()))
        .build();
    return new Draft<>(Topics.APP_SUBSCRIPTIONS, e.shopId(), e.customerId(), changed, e.occurredAt(), e.eventId());
  }

  static Draft<CourseProgress> courseProgress(Envelope e, Fields f) {
    int percent = f.bounded("percent", 0, 100);
    CourseProgress progress = CourseProgress.newBuilder()
        .setShopId(e.shopId()).setCustomerId(e.customerId()).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setCourseId(f.id("courseId"))
        .setPercent(percent)
        .setCompleted(f.bool("completed", percent == 100))
        .build();
    return new Draft<>(Topics.APP_COURSES, e.shopId(), e.customerId(), progress, e.occurredAt(), e.eventId());
  }
}
