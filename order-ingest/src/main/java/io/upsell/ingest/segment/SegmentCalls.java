package io.upsell.ingest.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsell.ingest.events.Fields;
import io.upsell.ingest.events.NativeJson;
import io.upsell.ingest.events.Translation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Translates one Segment Spec call into a native event: userId (else anonymousId) is the customer, messageId the
 * eventId, timestamp the occurredAt. Calls and event names with no mapping are reported as ignored, never refused.
 */
public final class SegmentCalls {

  private static final Set<String> IGNORED_CALLS = Set.of("page", "screen", "group", "alias");

  private final SegmentTracks tracks = new SegmentTracks();

  /** The native event of {@code call}, or why it has none; errors are named under {@code path}. */
  public Translation translate(JsonNode call, String path, String shopCurrency) {
    Fields f = Fields.of(call, path);
    if (!f.errors().isEmpty()) {
      return Translation.invalid(f.errors());
    }
    String type = f.text("type").toLowerCase(Locale.ROOT);
    if (IGNORED_CALLS.contains(type)) {
      return Translation.ignored(type);
    }
    if (!type.equals("track") && !type.equals("identify")) {
      if (!type.isEmpty()) {
        f.fail("type", "must be track, identify, page, screen, group or alias");
      }
      return Translation.invalid(f.errors());
    }
    String event = type.equals("track") ? f.text("event") : "identify";
    if (!f.errors().isEmpty()) {
      return Translation.invalid(f.errors());
    }
    if (!tracks.maps(event)) {
      return Translation.ignored(event);
    }
    Call c = new Call(f, eventId(call, f), customer(f), occurredAt(f), currency(f, shopCurrency));
    NativeJson json = type.equals("identify") ? SegmentAccounts.identify(c) : tracks.track(event, c);
    return Translation.of(json, f);
  }

  private static String customer(Fields f) {
    String user = f.optId("userId");
    String customer = user != null ? user : f.optId("anonymousId");
    if (customer == null) {
      f.fail("userId", "userId or anonymousId is required");
      return "";
    }
    return customer;
  }

  // Segment's libraries always send a messageId; for hand-made calls without one, a hash of the call itself
  // makes a resend of the same call a duplicate rather than a second event.
  private static String eventId(JsonNode call, Fields f) {
    String messageId = f.optText("messageId");
    return messageId != null ? messageId : "segment-" + sha256(call.toString());
  }

  // The first time the call names, checked under its own name; a call with none happened now.
  private static Instant occurredAt(Fields f) {
    for (String name : List.of("timestamp", "originalTimestamp", "sentAt", "receivedAt")) {
      if (f.has(name)) {
        return f.instant(name);
      }
    }
    return Instant.now();
  }

  private static String currency(Fields f, String shopCurrency) {
    Fields properties = f.object("properties");
    String code = properties.optText("currency");
    if (code == null) {
      return shopCurrency;
    }
    if (!io.upsell.ingest.events.Currencies.isCode(code)) {
      properties.fail("currency", "must be an ISO-4217 currency code");
      return shopCurrency;
    }
    return code.toUpperCase(Locale.ROOT);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** One call being translated: its fields and the envelope values already read. */
  record Call(Fields f, String eventId, String customerId, Instant occurredAt, String currency) {

    Fields properties() {
      return f.object("properties");
    }

    NativeJson event(String type) {
      return NativeJson.event(type, eventId, customerId, occurredAt, currency);
    }
  }
}
