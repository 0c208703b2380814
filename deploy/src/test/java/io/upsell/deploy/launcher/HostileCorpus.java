package io.upsell.deploy.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Request bodies an attacker or a broken client sends: deep nesting, huge strings, broken encodings, numeric
 * overflow, unicode edge cases, SQL and HTML fragments in every field of every event type. Deterministic per seed.
 */
final class HostileCorpus {

  static final List<String> TYPES = List.of("order_placed", "order_cancelled", "cart_item_added", "cart_item_removed",
      "cart_viewed", "checkout_started", "product_viewed", "session_started", "usage_reported",
      "subscription_changed", "course_progress", "customer_profile", "support_ticket", "product",
      "marketing_spend", "feedback", "no_such_type");
  static final List<String> FIELDS = List.of("type", "eventId", "customerId", "occurredAt", "orderId", "lines",
      "totalMinor", "currency", "cartId", "items", "valueMinor", "productId", "usedUnits", "quotaUnits", "plan",
      "email", "name", "locale", "timeZone", "shopId", "status", "expiresAt", "percent", "quantity");
  static final List<String> NASTY = List.of(
      "' OR 1=1; DROP TABLE orders; --", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
      "\u0000", "\uD800", "\uFEFF", "e\u0301", "\u202Eevil", "𝕦𝕡𝕤𝕖𝕝𝕝", "مرحبا", "${jndi:ldap://127.0.0.1/x}",
      "../../etc/passwd", "\r\nBcc: victim@example.com", "%s%s%s%n", "NaN", "-0", "1e309", "",
      "9223372036854775808", "-9223372036854775809", "true", "null", "[]", "{}");

  private final Random random;

  HostileCorpus(long seed) {
    this.random = new Random(seed);
  }

  /** {@code count} request bodies as raw bytes, each malformed or adversarial in its own way. */
  List<byte[]> bodies(int count) {
    List<byte[]> bodies = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (i % 8 == 5) {
        bodies.add(brokenEncoding(event()));
        continue;
      }
      bodies.add(utf8(switch (i % 8) {
        case 0 -> deepNesting(200 + random.nextInt(5000));
        case 1 -> eventWith(pick(FIELDS), quoted("x".repeat(10_000 + random.nextInt(90_000))));
        case 2 -> eventWith(pick(FIELDS), quoted(pick(NASTY)));
        case 3 -> eventWith(pick(FIELDS), pick(List.of("1e400", "-1", "99999999999999999999999", "0.5", "-0.0",
            "[1,2,3]", "{\"a\":{}}", "true", "null", "\"\"")));
        case 4 -> truncated(event());
        case 6 -> "[" + String.join(",", java.util.Collections.nCopies(1 + random.nextInt(3), event())) + ",{]";
        default -> pick(List.of("", " ", "null", "[]", "{}", "\"event\"", "{\"type\":}", "{'type':'x'}", "]["));
      }));
    }
    return bodies;
  }

  private String event() {
    StringBuilder json = new StringBuilder("{\"type\":\"").append(pick(TYPES)).append('"');
    for (String field : FIELDS.subList(1, 4 + random.nextInt(FIELDS.size() - 4))) {
      json.append(",\"").append(field).append("\":").append(quoted(pick(NASTY)));
    }
    return json.append('}').toString();
  }

  private String eventWith(String field, String value) {
    return "{\"type\":\"" + pick(TYPES) + "\",\"eventId\":\"e-" + random.nextInt() + "\",\"customerId\":\"c\","
        + "\"occurredAt\":1763800000000,\"" + field + "\":" + value + "}";
  }

  private static String deepNesting(int depth) {
    return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  }

  private String truncated(String json) {
    return json.substring(0, Math.max(1, random.nextInt(json.length())));
  }

  // An overlong NUL and a byte that is never UTF-8, inside an otherwise valid event.
  private static byte[] brokenEncoding(String json) {
    byte[] text = utf8(json);
    byte[] broken = java.util.Arrays.copyOf(text, text.length + 3);
    System.arraycopy(text, 10, broken, 13, text.length - 10);
    broken[10] = (byte) 0xC0;
    broken[11] = (byte) 0x80;
    broken[12] = (byte) 0xFF;
    return broken;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String quoted(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        default -> quoted.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return quoted.append('"').toString();
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }
}
