package io.upsell.notifier.inapp;

import io.upsell.schemas.notify.InAppMessage;
import java.util.List;

/** An in-app message as the widget and the inbox API show it. */
public record MessageView(String id, String triggerType, String locale, String title, String body, String ctaLabel,
    String ctaUrl, String imageUrl, List<String> productIds, String status, long createdAt) {

  public static MessageView of(InAppMessage m) {
    return new MessageView(m.getMessageId(), m.getTriggerType().name(), m.getLocale(), m.getTitle(), m.getBody(),
        m.getCtaLabel(), m.getCtaUrl(), m.getImageUrl(), m.getProductIds(), m.getStatus().name(),
        m.getCreatedAt().toEpochMilli());
  }
}
