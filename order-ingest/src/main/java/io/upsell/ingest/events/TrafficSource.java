package io.upsell.ingest.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsell.schemas.shop.SalesChannel;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Where an order's visit came from, read from the hints a source gives (UTM parameters, a referrer, a Shopify
 * {@code source_name}), as one of our sales channels. The first hint that names a channel wins, in this order:
 * {@code utm_medium}, {@code utm_source}, a click id in the landing URL, the source name, the referrer's host; an
 * order with none is direct. Our channels have no "search" or "referral": unpaid search and other sites' links count
 * as organic (docs/order-ingest.md, "Sales channels"). Hints are optional: one that is not text is ignored, never
 * refused.
 */
public record TrafficSource(String medium, String source, String landingUrl, String sourceName, String referrer) {

  private static final Set<String> EMAIL = Set.of("email", "e-mail", "e_mail", "newsletter", "mail");
  private static final Set<String> PAID = Set.of("cpc", "ppc", "paid", "paidsearch", "paid_search", "paid-search",
      "paid_social", "paid-social", "paidsocial", "display", "cpm", "banner", "cpv", "cpa", "retargeting", "ads",
      "shopping");
  private static final Set<String> SOCIAL = Set.of("social", "social-network", "social_network", "social-media",
      "social_media", "sm");
  private static final Set<String> ORGANIC = Set.of("organic", "referral", "seo");
  private static final Set<String> SOCIAL_SITES = Set.of("facebook", "fb", "instagram", "ig", "twitter", "x", "t",
      "tiktok", "linkedin", "lnkd", "pinterest", "youtube", "reddit", "snapchat", "threads", "whatsapp");
  private static final Set<String> EMAIL_SOURCES = Set.of("newsletter", "mailchimp", "klaviyo", "sendgrid",
      "email", "omnisend");
  private static final Set<String> SOCIAL_HOSTS = Set.of("t.co", "x.com", "fb.com", "fb.me", "lnkd.in", "pin.it",
      "youtu.be", "l.instagram.com");

  /** The channel, lower case as native events name it. */
  public String channel() {
    SalesChannel channel = fromMedium(medium);
    if (channel == null) {
      channel = fromSource(source);
    }
    if (channel == null) {
      channel = fromLanding(landingUrl);
    }
    if (channel == null) {
      channel = fromSource(sourceName);
    }
    if (channel == null) {
      channel = fromReferrer(referrer);
    }
    return (channel == null ? SalesChannel.DIRECT : channel).name().toLowerCase(Locale.ROOT);
  }

  /** {@code node} when it is text, else null: a hint of the wrong type is ignored. */
  public static String hint(JsonNode node) {
    return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText().strip() : null;
  }

  /** The value of {@code parameter} in {@code url}'s query (a path such as Shopify's landing_site will do). */
  public static String parameter(String url, String parameter) {
    if (url == null) {
      return null;
    }
    int query = url.indexOf('?');
    if (query < 0) {
      return null;
    }
    for (String pair : url.substring(query + 1).split("[&#]")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (name.equalsIgnoreCase(parameter) && eq >= 0) {
        try {
          String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          return value.isBlank() ? null : value.strip();
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static SalesChannel fromMedium(String medium) {
    String m = normal(medium);
    if (m == null) {
      return null;
    }
    if (EMAIL.contains(m)) {
      return SalesChannel.EMAIL;
    }
    if (PAID.contains(m) || m.startsWith("paid")) {
      return SalesChannel.PAID;
    }
    if (SOCIAL.contains(m)) {
      return SalesChannel.SOCIAL;
    }
    return ORGANIC.contains(m) ? SalesChannel.ORGANIC : null;
  }

  private static SalesChannel fromSource(String source) {
    String s = normal(source);
    if (s == null) {
      return null;
    }
    if (SOCIAL_SITES.contains(s)) {
      return SalesChannel.SOCIAL;
    }
    return EMAIL_SOURCES.contains(s) ? SalesChannel.EMAIL : null;
  }

  // Ad platforms append a click id to the landing URL: Google's and Microsoft's mean a paid click.
  private static SalesChannel fromLanding(String landingUrl) {
    if (parameter(landingUrl, "gclid") != null || parameter(landingUrl, "msclkid") != null) {
      return SalesChannel.PAID;
    }
    return parameter(landingUrl, "fbclid") != null ? SalesChannel.SOCIAL : null;
  }

  // A link from another site: a social network's is social, any other (a search engine's unpaid result, a blog)
  // organic; a referrer on the landing page's own host is the shop's own page, no source.
  private SalesChannel fromReferrer(String referrer) {
    String host = host(referrer);
    if (host == null || host.equals(host(landingUrl))) {
      return null;
    }
    if (SOCIAL_HOSTS.contains(host)) {
      return SalesChannel.SOCIAL;
    }
    for (String label : host.split("\\.")) {
      if (SOCIAL_SITES.contains(label) && label.length() > 2) {
        return SalesChannel.SOCIAL;
      }
    }
    return SalesChannel.ORGANIC;
  }

  private static String host(String url) {
    if (url == null) {
      return null;
    }
    try {
      URI uri = URI.create(url.contains("://") ? url : "https://" + url);
      return uri.getHost() == null || uri.getHost().isBlank() ? null : uri.getHost().toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String normal(String value) {
    return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
  }
}
