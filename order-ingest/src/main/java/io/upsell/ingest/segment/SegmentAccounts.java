package io.upsell.ingest.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsell.ingest.events.Fields;
import io.upsell.ingest.events.NativeJson;
import io.upsell.ingest.segment.SegmentCalls.Call;
import java.util.Locale;

/**
 * Segment's calls about the customer's account rather than a product: identify, the B2B SaaS sign-up, sign-in and
 * account events, and trials.
 */
final class SegmentAccounts {

  private SegmentAccounts() {}

  /** identify → the customer's profile: email, name, locale (its language), time zone, consent, creation time. */
  static NativeJson identify(Call c) {
    Fields traits = c.f().object("traits");
    Fields context = c.f().object("context");
    return c.event("customer_profile")
        .text("email", traits.optText("email"))
        .text("name", name(traits, "name", "firstName", "lastName"))
        .text("locale", language(context.raw("locale")))
        .text("timeZone", context.optText("timezone"))
        .bool("marketingConsent", traits.bool("marketingConsent", false))
        .instant("createdAt", traits.optInstant("createdAt"));
  }

  /** Signed Up → a new customer's profile, created now. */
  static NativeJson signedUp(Call c) {
    Fields p = c.properties();
    String name = name(p, "name", "first_name", "last_name");
    return c.event("customer_profile")
        .text("email", p.optText("email"))
        .text("name", name == null ? p.optText("username") : name)
        .instant("createdAt", c.occurredAt());
  }

  static NativeJson accountCreated(Call c) {
    return c.event("customer_profile").text("name", c.properties().optText("account_name"))
        .instant("createdAt", c.occurredAt());
  }

  // The account is gone: its latest profile (crm.customers is compacted) no longer carries an address or consent,
  // so no more marketing mail goes to it.
  static NativeJson accountDeleted(Call c) {
    return c.event("customer_profile").text("name", c.properties().optText("account_name"))
        .bool("marketingConsent", false);
  }

  /** Signed In → the start of a session (the session id if the call names one, else the call's own id). */
  static NativeJson signedIn(Call c) {
    String session = c.properties().optId("session_id");
    return c.event("session_started").text("sessionId", session == null ? c.eventId() : session)
        .text("source", "sign-in");
  }

  /** Trial Started / Ended → the subscription in that state until {@code trial_end_date}. */
  static NativeJson trial(Call c, String status) {
    Fields p = c.properties();
    String plan = p.optText("trial_plan_name");
    return c.event("subscription_changed").text("plan", plan == null ? "trial" : plan).text("status", status)
        .instant("expiresAt", p.optInstant("trial_end_date"));
  }

  private static String name(Fields f, String full, String first, String last) {
    String name = f.optText(full);
    if (name == null && f.has(first)) {
      name = (f.optText(first) + " " + orEmpty(f.optText(last))).strip();
    }
    return name;
  }

  /**
   * The language of a locale tag ({@code ar-SA} → {@code ar}). Only a hint of the client's library: a value that
   * names no language ({@code "-"}, {@code ""}, a number) is left out, so the default applies, rather than refused.
   */
  static String language(JsonNode locale) {
    if (!locale.isTextual()) {
      return null;
    }
    String language = locale.asText().strip().split("[-_]", 2)[0];
    return language.matches("[A-Za-z]{2,8}") ? language.toLowerCase(Locale.ROOT) : null;
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
