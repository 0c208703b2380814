package io.upsell.notifier.tracking;

import io.upsell.notifier.NotifierConfig;
import io.upsell.notifier.tracking.TokenClaim.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import io.upsell.schemas.upsell.UpsellTrigger;

/**
 * Builds the signed links of a delivery: click-through, open pixel, unsubscribe and "not relevant", all on the public
 * base URL: the only links to one of our services a message may carry.
 */
@ApplicationScoped
public class Links {

  public static final String OPEN_PATH = "/v1/track/open";
  public static final String CLICK_PATH = "/v1/track/click";
  public static final String UNSUBSCRIBE_PATH = "/v1/unsubscribe";
  public static final String NOT_RELEVANT_PATH = "/v1/not-relevant";
  /** Every link of a preview: an anchor in the page itself, no token, so nothing it could record. */
  public static final String PREVIEW = "#preview";

  private final NotifierConfig config;
  private final Tokens tokens;
  private final Clock clock;

  public Links(NotifierConfig config, Tokens tokens, Clock clock) {
    this.config = config;
    this.tokens = tokens;
    this.clock = clock;
  }

  /** A link that records a click and then redirects to {@code target}. */
  public String click(DeliveryRef ref, String target) {
    return link(CLICK_PATH, ref, Kind.CLICK, target);
  }

  public String openPixel(DeliveryRef ref) {
    return link(OPEN_PATH, ref, Kind.OPEN, null);
  }

  /** The unsubscribe link: a page on GET, one-click (RFC 8058) on POST. */
  public String unsubscribe(DeliveryRef ref) {
    return link(UNSUBSCRIBE_PATH, ref, Kind.UNSUBSCRIBE, null);
  }

  /** The "not relevant" link: a page on GET, the down-vote (with the offered products) on POST. */
  public String notRelevant(DeliveryRef ref, UpsellTrigger trigger) {
    return link(NOT_RELEVANT_PATH, ref, Kind.NOT_RELEVANT, null, trigger.getOffer().getProductIds());
  }

  private String link(String path, DeliveryRef ref, Kind kind, String url) {
    return link(path, ref, kind, url, null);
  }

  private String link(String path, DeliveryRef ref, Kind kind, String url, List<String> products) {
    long expires = clock.instant().plus(config.linkTtl()).getEpochSecond();
    String token = tokens.sign(new TokenClaim(kind, ref.shopId(), ref.customerId(), ref.deliveryId(),
        ref.triggerId(), ref.channel().name(), ref.locale(), url, expires,
        products == null || products.isEmpty() ? null : products));
    return config.publicBaseUrl() + path + "?t=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
  }
}
