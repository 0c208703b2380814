package io.upsell.notifier.tracking;

import io.upsell.schemas.notify.DeliveryChannel;

/** One delivery of one trigger to one customer on one channel: what tracking links and engagement events name. */
public record DeliveryRef(String shopId, String customerId, String deliveryId, String triggerId,
    DeliveryChannel channel, String locale) {}
