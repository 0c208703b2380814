package io.upsell.notifier.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsell.notifier.template.MessageComposer;
import io.upsell.notifier.template.MessageModel;
import io.upsell.notifier.template.Renderer;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.schemas.crm.CustomerProfile;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.PlanInfo;
import io.upsell.schemas.upsell.UpsellTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON a shop's webhook receives: the offer as data (items, plans, usage, discount, code, deadline, url; money in
 * minor units with its currency) for the shop's own SMS or push text, and the message as this notifier words it in
 * the customer's language (title, body with the offer's lines, button label, tracking and "not relevant" links).
 */
@ApplicationScoped
public class WebhookPayload {

  private final MessageComposer composer;
  private final Renderer renderer;
  private final ObjectMapper json;

  public WebhookPayload(MessageComposer composer, Renderer renderer, ObjectMapper json) {
    this.composer = composer;
    this.renderer = renderer;
    this.json = json;
  }

  public String json(UpsellTrigger t, Optional<CustomerProfile> profile) {
    MessageModel model = composer.compose(t, profile, DeliveryChannel.WEBHOOK);
    var text = renderer.inApp(model);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("locale", model.locale());
    message.put("title", text.title());
    message.put("body", text.body());
    message.put("buttonLabel", model.ctaUrl() == null ? null : text.cta());
    message.put("url", model.ctaUrl());
    message.put("target", model.target());
    message.put("notRelevantUrl", model.notRelevantUrl());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("deliveryId", DeliveryRef.idOf(t.getTriggerId(), DeliveryChannel.WEBHOOK));
    m.put("triggerId", t.getTriggerId());
    m.put("type", t.getType().name());
    m.put("step", t.getStep());
    m.put("shopId", t.getShopId());
    m.put("customerId", t.getCustomerId());
    m.put("variant", t.getVariant());
    m.put("reason", t.getReason());
    m.put("offer", offer(t.getOffer()));
    m.put("message", message);
    m.put("firedAt", t.getFiredAt().toEpochMilli());
    try {
      return json.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of plain values is always serialisable", e);
    }
  }

  private static Map<String, Object> offer(Offer offer) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("productIds", offer.getProductIds());
    o.put("items", offer.getItems().stream().map(i -> {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("productId", i.getProductId());
      item.put("name", i.getName());
      item.put("priceMinor", i.getPriceMinor());
      item.put("quantity", i.getQuantity());
      item.put("imageUrl", i.getImageUrl());
      item.put("url", i.getUrl());
      return item;
    }).toList());
    o.put("discountPercent", offer.getDiscountPercent());
    o.put("discountMinor", offer.getDiscountMinor());
    o.put("currency", offer.getCurrency());
    o.put("couponCode", offer.getCouponCode());
    o.put("expiresAt", offer.getExpiresAt() == null ? null : offer.getExpiresAt().toEpochMilli());
    o.put("plan", offer.getPlan());
    o.put("currentPlan", plan(offer.getCurrentPlan()));
    o.put("offeredPlan", plan(offer.getOfferedPlan()));
    o.put("alternativePlan", plan(offer.getAlternativePlan()));
    o.put("usage", offer.getUsage() == null ? null : Map.of("resource", offer.getUsage().getResource(),
        "usedUnits", offer.getUsage().getUsedUnits(), "quotaUnits", offer.getUsage().getQuotaUnits(),
        "unit", Optional.ofNullable(offer.getUsage().getUnit()).orElse("")));
    o.put("courseId", offer.getCourseId());
    o.put("url", offer.getUrl());
    return o;
  }

  private static Map<String, Object> plan(PlanInfo plan) {
    if (plan == null) {
      return null;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("planId", plan.getPlanId());
    p.put("name", plan.getName());
    p.put("priceMinor", plan.getPriceMinor());
    p.put("currency", plan.getCurrency());
    p.put("billingPeriod", plan.getBillingPeriod());
    p.put("quotas", plan.getQuotas());
    p.put("units", plan.getUnits());
    return p;
  }

}
