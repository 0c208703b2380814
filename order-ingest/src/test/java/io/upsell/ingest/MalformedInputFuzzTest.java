package io.upsell.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.upsell.ingest.shopify.WebhookSignature;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Posts 1,200 generated malformed bodies (broken JSON, wrong types, missing fields, unknown enums, negative and huge
 * numbers, random bytes, deep nesting, times before 1970 or past the year 9999, ids of hundreds of kilobytes, a
 * locale with no language) to every endpoint: none may get a 5xx, every refusal carries the error body. The Segment
 * bodies are single calls (track, identify) and batches of them, mutated inside their properties, traits and context,
 * so the mapping itself is what is fuzzed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class MalformedInputFuzzTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BODIES = 1200;
  private static final List<String> SHOPIFY_TOPICS = List.of("orders/create", "orders/cancelled", "refunds/create",
      "checkouts/update", "carts/update", "customers/create", "products/update", "app_subscriptions/update");
  private static final JsonNode[] ODD_VALUES = odd();
  /** Values that parse but that Kafka or Avro cannot take, set on the fields they are hostile to. */
  private static final List<String> HOSTILE_INSTANTS = List.of("1969-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
      "+999999999-12-31T00:00:00Z", "0000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z");
  private static final List<String> HUGE_IDS = List.of("i".repeat(201), "i".repeat(201) + "\n", "i".repeat(600 * 1024));
  private static final Pattern INSTANT_FIELD = Pattern.compile(
      "occurredAt|timestamp|originalTimestamp|sentAt|receivedAt|createdAt|expiresAt|.*_at|.*_date|day");
  private static final Pattern ID_FIELD = Pattern.compile("(?i).*id|.*_id|token|cart_token|productIds|accessoryOf");

  private final Random random = new Random(20261123L);

  @Test
  void noMalformedBodyEverGetsA5xx() throws Exception {
    List<JsonNode> natives = natives();
    List<JsonNode> segment = segmentCalls();
    Map<String, Integer> statuses = new LinkedHashMap<>();
    int segmentMapped = 0;
    int segmentNestedRefusals = 0;
    for (int i = 0; i < BODIES; i++) {
      Response response = switch (i % 4) {
        case 0 -> post("/v1/events", "application/json", body(pick(natives)));
        case 1 -> post("/v1/events/batch", random.nextBoolean() ? "application/json" : "application/x-ndjson",
            batch(natives));
        case 2 -> post("/v1/segment", "application/json", segmentBody(segment));
        default -> shopify();
      };
      int status = response.statusCode();
      statuses.merge(Integer.toString(status), 1, Integer::sum);
      assertThat(status).as("body #%d: %s", i, response.asString()).isLessThan(500);
      if (status >= 400) {
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
      }
      if (i % 4 == 2 && status == 202 && response.jsonPath().getInt("accepted") > 0) {
        segmentMapped++;
      } else if (i % 4 == 2 && status == 400 && response.asString().matches(
          "(?s).*\"field\":\"(batch\\[\\d+]\\.)?(properties|traits|context)\\..*")) {
        segmentNestedRefusals++;
      }
    }
    assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(BODIES);
    assertThat(statuses).containsKey("400");
    assertThat(segmentMapped).as("Segment bodies that reached the mapping and were published").isPositive();
    assertThat(segmentNestedRefusals).as("Segment bodies refused for a field inside properties, traits or context")
        .isPositive();
  }

  /** A single Segment call or a batch of 1–5, one of them mutated (inside it, not replaced as a whole). */
  private byte[] segmentBody(List<JsonNode> calls) {
    if (random.nextInt(3) > 0) {
      return body(pick(calls));
    }
    ArrayNode batch = JSON.createArrayNode();
    int size = 1 + random.nextInt(5);
    for (int i = 0; i < size; i++) {
      batch.add(pick(calls).deepCopy());
    }
    JsonNode victim = batch.get(random.nextInt(size));
    if (random.nextBoolean()) {
      hostile(victim);
    } else {
      mutateFields(victim);
    }
    return JSON.createObjectNode().set("batch", batch).toString().getBytes(StandardCharsets.UTF_8);
  }

  private Response shopify() {
    String topic = SHOPIFY_TOPICS.get(random.nextInt(SHOPIFY_TOPICS.size()));
    String file = "shopify/" + topic.replace("/", "__") + ".json";
    byte[] body;
    try {
      body = body(JSON.readTree(IngestTestSupport.read(file)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return RestAssured.given().contentType("application/json").header("X-Shopify-Topic", topic)
        .header("X-Shopify-Webhook-Id", IngestTestSupport.uniqueId("w"))
        .header("X-Shopify-Hmac-Sha256", WebhookSignature.header(TestShops.SHOP_A_WEBHOOK_SECRET, body))
        .body(body).post("/v1/webhooks/shopify/" + TestShops.SHOP_A);
  }

  private byte[] batch(List<JsonNode> natives) {
    StringBuilder text = new StringBuilder(random.nextBoolean() ? "[" : "");
    int items = 1 + random.nextInt(5);
    for (int i = 0; i < items; i++) {
      text.append(new String(body(pick(natives)), StandardCharsets.UTF_8)).append(i < items - 1 ? ",\n" : "");
    }
    return text.append(random.nextInt(3) == 0 ? "" : "]").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One malformed variant of {@code valid}. */
  private byte[] body(JsonNode valid) {
    JsonNode copy = valid.deepCopy();
    String text = copy.toString();
    return switch (random.nextInt(9)) {
      case 0 -> text.substring(0, random.nextInt(Math.max(1, text.length()))).getBytes(StandardCharsets.UTF_8);
      case 1 -> flipChars(text).getBytes(StandardCharsets.UTF_8);
      case 2 -> randomBytes();
      case 3 -> ("[".repeat(5000 + random.nextInt(5000))).getBytes(StandardCharsets.UTF_8);
      case 4 -> (random.nextBoolean() ? "{\"type\":NaN,\"x\":Infinity}" : "{\"a\":1,\"a\":2} trailing")
          .getBytes(StandardCharsets.UTF_8);
      case 5, 6 -> hostile(copy).toString().getBytes(StandardCharsets.UTF_8);
      default -> mutateFields(copy).toString().getBytes(StandardCharsets.UTF_8);
    };
  }

  /**
   * Sets one field, at any depth, to a value hostile to its kind: an instant field to a time before 1970 or past the
   * year 9999, an id field to 201 characters, a newline or 600 KB, a locale to "-", a number to the edge of a long.
   */
  private JsonNode hostile(JsonNode node) {
    List<Map.Entry<ObjectNode, String>> fields = new ArrayList<>();
    collect(node, fields);
    if (fields.isEmpty()) {
      return node;
    }
    Map.Entry<ObjectNode, String> field = pick(fields);
    String name = field.getValue();
    ObjectNode parent = field.getKey();
    if (INSTANT_FIELD.matcher(name).matches()) {
      String instant = pick(HOSTILE_INSTANTS);
      parent.put(name, name.equals("day") ? instant.substring(0, instant.indexOf('T')) : instant);
    } else if (ID_FIELD.matcher(name).matches()) {
      parent.put(name, pick(HUGE_IDS));
    } else if (name.equals("locale")) {
      parent.put(name, pick(List.of("-", "_", "--", "", "-GB")));
    } else if (parent.get(name).isNumber()) {
      parent.put(name, random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE);
    } else {
      parent.put(name, pick(HUGE_IDS));
    }
    return node;
  }

  private static void collect(JsonNode node, List<Map.Entry<ObjectNode, String>> fields) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getValue().isContainerNode()) {
          collect(field.getValue(), fields);
        } else {
          fields.add(Map.entry((ObjectNode) node, field.getKey()));
        }
      }
    } else if (node.isArray()) {
      node.forEach(item -> collect(item, fields));
    }
  }

  // Removes fields and sets others to values of the wrong type, out of range, or unknown enum symbols.
  private JsonNode mutateFields(JsonNode node) {
    if (!node.isObject()) {
      return ODD_VALUES[random.nextInt(ODD_VALUES.length)];
    }
    ObjectNode object = (ObjectNode) node;
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    int changes = 1 + random.nextInt(3);
    for (int i = 0; i < changes && !names.isEmpty(); i++) {
      String name = names.get(random.nextInt(names.size()));
      JsonNode child = object.get(name);
      if (random.nextInt(4) == 0) {
        object.remove(name);
        names.remove(name);
      } else if ((child.isObject() || child.isArray()) && random.nextBoolean() && child.size() > 0) {
        JsonNode inner = child.isArray() ? child.get(random.nextInt(child.size())) : child;
        mutateFields(inner);
      } else {
        object.set(name, ODD_VALUES[random.nextInt(ODD_VALUES.length)]);
      }
    }
    return object;
  }

  private String flipChars(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < 1 + random.nextInt(4) && chars.length > 0; i++) {
      chars[random.nextInt(chars.length)] = "{}[]\",:\\0x-.e\u0000\u00ff\ud83d".charAt(random.nextInt(16));
    }
    return new String(chars);
  }

  private byte[] randomBytes() {
    byte[] bytes = new byte[random.nextInt(300)];
    random.nextBytes(bytes);
    return bytes;
  }

  private <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  private static Response post(String path, String contentType, byte[] body) {
    return RestAssured.given().header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY))
        .contentType(contentType).body(body).post(path);
  }

  private static List<JsonNode> natives() throws Exception {
    String[] events = {
        "{\"type\":\"order_placed\",\"eventId\":\"f-1\",\"customerId\":\"c\",\"occurredAt\":1,\"orderId\":\"o\","
            + "\"lines\":[{\"productId\":\"p\",\"quantity\":1,\"unitPriceMinor\":5}],\"totalMinor\":5,"
            + "\"currency\":\"GBP\",\"channel\":\"email\"}",
        "{\"type\":\"cart_item_added\",\"eventId\":\"f-2\",\"customerId\":\"c\",\"occurredAt\":\"2025-01-01T00:00:00Z\","
            + "\"cartId\":\"k\",\"items\":[{\"productId\":\"p\",\"quantity\":2,\"unitPriceMinor\":5}],\"valueMinor\":10}",
        "{\"type\":\"usage_reported\",\"eventId\":\"f-3\",\"customerId\":\"c\",\"occurredAt\":1,\"resource\":\"s\","
            + "\"usedUnits\":1,\"quotaUnits\":2}",
        "{\"type\":\"subscription_changed\",\"eventId\":\"f-4\",\"customerId\":\"c\",\"occurredAt\":1,\"plan\":\"p\","
            + "\"status\":\"active\",\"expiresAt\":2}",
        "{\"type\":\"course_progress\",\"eventId\":\"f-5\",\"customerId\":\"c\",\"occurredAt\":1,\"courseId\":\"x\","
            + "\"percent\":50}",
        "{\"type\":\"support_ticket\",\"eventId\":\"f-6\",\"customerId\":\"c\",\"occurredAt\":1,\"ticketId\":\"t\","
            + "\"status\":\"open\",\"sentiment\":\"negative\"}",
        "{\"type\":\"product\",\"eventId\":\"f-7\",\"occurredAt\":1,\"productId\":\"p\",\"name\":\"n\","
            + "\"priceMinor\":5,\"accessoryOf\":[\"q\"]}",
        "{\"type\":\"marketing_spend\",\"eventId\":\"f-8\",\"occurredAt\":1,\"day\":\"2010-12-01\","
            + "\"channel\":\"paid\",\"amountMinor\":5}",
        "{\"type\":\"feedback\",\"eventId\":\"f-9\",\"customerId\":\"c\",\"occurredAt\":1,\"productIds\":[\"p\"]}",
        "{\"type\":\"customer_profile\",\"eventId\":\"f-10\",\"customerId\":\"c\",\"occurredAt\":1,"
            + "\"timeZone\":\"Europe/London\",\"createdAt\":3}"};
    List<JsonNode> nodes = new ArrayList<>();
    for (String event : events) {
      nodes.add(JSON.readTree(event));
    }
    return nodes;
  }

  /**
   * Every Segment e-commerce and B2B example as a library sends it (a user, a message id, a timestamp), plus identify
   * calls: each one call, so that mutations land inside it.
   */
  private static List<JsonNode> segmentCalls() throws Exception {
    List<JsonNode> calls = new ArrayList<>();
    for (String file : List.of("segment/ecommerce_v2_examples.json", "segment/b2b_saas_examples.json")) {
      int n = 0;
      for (JsonNode example : JSON.readTree(IngestTestSupport.read(file))) {
        calls.add(((ObjectNode) example.deepCopy()).put("userId", "fuzz-user").put("messageId", "fuzz-" + file + n++)
            .put("timestamp", "2025-11-22T10:15:30.000Z"));
      }
    }
    calls.add(JSON.readTree("{\"type\":\"identify\",\"userId\":\"fuzz-user\",\"messageId\":\"fuzz-identify\","
        + "\"timestamp\":\"2025-11-22T10:15:30Z\",\"traits\":{\"email\":\"a@example.com\",\"firstName\":\"Ada\","
        + "\"lastName\":\"L\",\"createdAt\":\"2020-01-01T00:00:00Z\"},\"context\":{\"locale\":\"ar-SA\","
        + "\"timezone\":\"Asia/Riyadh\"}}"));
    calls.add(JSON.readTree("{\"type\":\"identify\",\"anonymousId\":\"fuzz-anon\",\"traits\":{\"name\":\"B\"},"
        + "\"context\":{\"locale\":\"en\"}}"));
    return calls;
  }

  private static JsonNode[] odd() {
    try {
      return new JsonNode[] {
          JSON.readTree("null"), JSON.readTree("-1"), JSON.readTree("-99999999999999999999999"),
          JSON.readTree("1e400"), JSON.readTree("3.5"), JSON.readTree("\"\""), JSON.readTree("\"  \""),
          JSON.readTree("\"NOT_AN_ENUM\""), JSON.readTree("true"), JSON.readTree("[]"), JSON.readTree("{}"),
          JSON.readTree("[1,\"x\",null]"), JSON.readTree("\"2025-13-45T99:99:99Z\""),
          JSON.readTree("\"" + "x".repeat(3000) + "\""), JSON.readTree("9223372036854775807"),
          JSON.readTree("\"Mars/Olympus\""), JSON.readTree("\"XYZ\""),
          JSON.readTree("\"1969-12-31T23:59:59Z\""), JSON.readTree("\"-999999999-01-01T00:00:00Z\""),
          JSON.readTree("\"+999999999-12-31T00:00:00Z\""), JSON.readTree("\"-\""),
          JSON.readTree("-9223372036854775808")};
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
