package io.upsell.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upsell.ingest.events.Translation;
import io.upsell.ingest.segment.SegmentCalls;
import io.upsell.ingest.shopify.ShopifyTopics;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * An order from Segment or Shopify carries the channel its visit came from (UTM parameters, click ids, the
 * referrer, Shopify's source name), read from copies of the shared examples with those fields added (the examples
 * themselves have none, and stay direct).
 */
class OrderChannelsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final SegmentCalls segment = new SegmentCalls();
  private final ShopifyTopics shopify = new ShopifyTopics();

  @Test
  void aSegmentOrderWithoutCampaignOrReferrerIsDirect() throws Exception {
    assertThat(segmentChannel(context -> {})).isEqualTo("direct");
  }

  @Test
  void aSegmentOrderTakesItsChannelFromTheCampaignMedium() throws Exception {
    assertThat(segmentChannel(context -> context.putObject("campaign").put("source", "spring-sale")
        .put("medium", "email").put("name", "spring"))).isEqualTo("email");
    assertThat(segmentChannel(context -> context.putObject("campaign").put("source", "google").put("medium", "cpc")))
        .isEqualTo("paid");
    assertThat(segmentChannel(context -> context.putObject("campaign").put("medium", "social")))
        .isEqualTo("social");
  }

  @Test
  void aSegmentOrderFromASocialNetworksCampaignSourceIsSocial() throws Exception {
    assertThat(segmentChannel(context -> context.putObject("campaign").put("source", "Instagram")))
        .isEqualTo("social");
  }

  @Test
  void aSegmentOrderReadsUtmParametersOffItsPageWhenTheCampaignIsMissing() throws Exception {
    assertThat(segmentChannel(context -> context.putObject("page")
        .put("url", "https://shop.example/landing?utm_source=newsletter&utm_medium=email"))).isEqualTo("email");
  }

  @Test
  void aSegmentOrderReferredByAnotherSiteIsSocialOrOrganicByTheSite() throws Exception {
    assertThat(segmentChannel(context -> context.putObject("page").put("url", "https://shop.example/p")
        .put("referrer", "https://www.facebook.com/"))).isEqualTo("social");
    assertThat(segmentChannel(context -> context.putObject("page").put("url", "https://shop.example/p")
        .put("referrer", "https://www.google.com/search?q=roses"))).isEqualTo("organic");
    assertThat(segmentChannel(context -> context.putObject("page").put("url", "https://shop.example/p")
        .put("referrer", "https://shop.example/cart"))).isEqualTo("direct");
  }

  @Test
  void aSegmentOrderWithHintsOfTheWrongTypeIsStillAcceptedAsDirect() throws Exception {
    assertThat(segmentChannel(context -> {
      context.putObject("campaign").put("medium", 7);
      context.put("page", "not an object");
    })).isEqualTo("direct");
  }

  @Test
  void aShopifyOrderWithoutUtmOrReferrerIsDirect() throws Exception {
    assertThat(shopifyChannel(order -> {})).isEqualTo("direct");
  }

  @Test
  void aShopifyOrderTakesItsChannelFromTheLandingSitesUtmParameters() throws Exception {
    assertThat(shopifyChannel(order -> order.put("landing_site", "/?utm_source=klaviyo&utm_medium=email")))
        .isEqualTo("email");
    assertThat(shopifyChannel(order -> order.put("landing_site", "/products/rose?utm_medium=paid_social")))
        .isEqualTo("paid");
    assertThat(shopifyChannel(order -> order.put("landing_site", "/?gclid=abc123"))).isEqualTo("paid");
  }

  @Test
  void aShopifyOrderFromASocialSalesChannelIsSocial() throws Exception {
    assertThat(shopifyChannel(order -> order.put("source_name", "instagram"))).isEqualTo("social");
  }

  @Test
  void aShopifyOrderTakesItsChannelFromTheReferringSiteLast() throws Exception {
    assertThat(shopifyChannel(order -> order.put("referring_site", "https://t.co/xyz"))).isEqualTo("social");
    assertThat(shopifyChannel(order -> order.put("referring_site", "https://www.bing.com/"))).isEqualTo("organic");
    assertThat(shopifyChannel(order -> order.put("referring_site", "https://www.bing.com/")
        .put("landing_site", "/?utm_medium=cpc"))).isEqualTo("paid");
  }

  private String segmentChannel(Consumer<ObjectNode> context) throws Exception {
    ObjectNode call = null;
    for (JsonNode example : JSON.readTree(IngestTestSupport.read("segment/ecommerce_v2_examples.json"))) {
      if (example.get("event").asText().equals("Order Completed")) {
        call = example.deepCopy();
      }
    }
    assertThat(call).as("the shared Order Completed example").isNotNull();
    call.put("userId", "u1").put("messageId", "m1").put("timestamp", "2025-11-22T10:15:30Z");
    context.accept(call.putObject("context"));
    Translation translation = segment.translate(call, "", "GBP");
    assertThat(translation.errors()).isEmpty();
    return translation.event().get("channel").asText();
  }

  private String shopifyChannel(Consumer<ObjectNode> change) throws Exception {
    ObjectNode order = (ObjectNode) JSON.readTree(IngestTestSupport.read("shopify/orders__create.json"));
    change.accept(order);
    Translation translation = shopify.translate("orders/create", order, new ShopifyTopics.Delivery("w1", "USD"));
    assertThat(translation.errors()).isEmpty();
    return translation.event().get("channel").asText();
  }
}
