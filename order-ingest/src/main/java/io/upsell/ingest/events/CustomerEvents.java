package io.upsell.ingest.events;

import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.crm.Sentiment;
import io.upsell.schemas.crm.SupportTicket;
import io.upsell.schemas.crm.TicketStatus;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.notify.Engagement;
import io.upsell.schemas.notify.EngagementType;
import io.upsell.schemas.topics.Topics;
import java.time.DateTimeException;
import java.time.ZoneId;

/** Native customer events: profiles (crm.customers), support tickets (crm.support), feedback (engagement.events). */
final class CustomerEvents {

  private CustomerEvents() {}

  static Draft<CustomerProfile> profile(Envelope e, Fields f, String shopZone) {
    CustomerProfile profile = CustomerProfile.newBuilder()
        .setShopId(e.shopId()).setCustomerId(e.customerId()).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setEmail(f.optText("email"))
        .setName(f.optText("name"))
        .setLocale(orElse(f.optText("locale"), "en"))
        .setTimeZone(zone(f, shopZone))
        .setMarketingConsent(f.bool("marketingConsent", false))
        .setCreatedAt(f.optInstant("createdAt"))
        .build();
    return new Draft<>(Topics.CRM_CUSTOMERS, e.shopId(), e.customerId(), profile, e.occurredAt(), e.eventId());
  }

  static Draft<SupportTicket> supportTicket(Envelope e, Fields f) {
    Sentiment sentiment = f.optChoice("sentiment", Sentiment.class);
    SupportTicket ticket = SupportTicket.newBuilder()
        .setShopId(e.shopId()).setCustomerId(e.customerId()).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setTicketId(f.id("ticketId"))
        .setStatus(f.choice("status", TicketStatus.class, TicketStatus.OPEN))
        .setSentiment(sentiment == null ? Sentiment.NEUTRAL : sentiment)
        .build();
    return new Draft<>(Topics.CRM_SUPPORT, e.shopId(), e.customerId(), ticket, e.occurredAt(), e.eventId());
  }

  /** What a customer said about a message or product: {@code action} defaults to DOWNVOTED ("not relevant"). */
  static Draft<Engagement> feedback(Envelope e, Fields f) {
    EngagementType action = f.optChoice("action", EngagementType.class);
    Engagement engagement = Engagement.newBuilder()
        .setShopId(e.shopId()).setCustomerId(e.customerId()).setEventId(e.eventId()).setOccurredAt(e.occurredAt())
        .setDeliveryId(f.optId("deliveryId"))
        .setTriggerId(f.optId("triggerId"))
        .setProductIds(f.ids("productIds"))
        .setType(action == null ? EngagementType.DOWNVOTED : action)
        .setChannel(f.optChoice("channel", DeliveryChannel.class))
        .build();
    if (engagement.getType() == EngagementType.DOWNVOTED && engagement.getProductIds().isEmpty()
        && engagement.getTriggerId() == null && engagement.getDeliveryId() == null) {
      f.fail("productIds", "a down-vote must name productIds, a triggerId or a deliveryId");
    }
    return new Draft<>(Topics.ENGAGEMENT_EVENTS, e.shopId(), e.customerId(), engagement, e.occurredAt(), e.eventId());
  }

  private static String zone(Fields f, String fallback) {
    String zone = f.optText("timeZone");
    if (zone == null) {
      return fallback;
    }
    try {
      return ZoneId.of(zone).getId();
    } catch (DateTimeException e) {
      f.fail("timeZone", "must be an IANA time zone such as Europe/London");
      return fallback;
    }
  }

  private static String orElse(String value, String fallback) {
    return value == null ? fallback : value;
  }
}
