package io.upsell.ingest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.FieldError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Request bodies as JSON trees: one value, a JSON array, or NDJSON (one value per line). Anything that is not
 * well-formed is a 400 naming where it broke; a body over the size limit is a 413.
 */
public final class JsonBodies {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private JsonBodies() {}

  public static void checkSize(byte[] body, int maxBytes) {
    if (body != null && body.length > maxBytes) {
      throw new ApiException(413, "body too large",
          List.of(new FieldError("body", "must be at most " + maxBytes + " bytes")), Map.of());
    }
  }

  /** One JSON value. */
  public static JsonNode one(byte[] body) {
    if (body == null || body.length == 0) {
      throw ApiException.badRequest("body", "is empty");
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw malformed("body", e);
    } catch (IOException e) {
      throw ApiException.badRequest("body", "unreadable");
    }
  }

  /** The items of a JSON array body. */
  public static List<JsonNode> array(byte[] body) {
    JsonNode node = one(body);
    if (!node.isArray()) {
      throw ApiException.badRequest("body", "must be a JSON array of events (or NDJSON with that content type)");
    }
    List<JsonNode> items = new ArrayList<>(node.size());
    node.forEach(items::add);
    return items;
  }

  /** The values of an NDJSON body; blank lines are skipped, every malformed line is named. */
  public static List<JsonNode> ndjson(byte[] body) {
    String[] lines = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8).split("\r?\n");
    List<JsonNode> items = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      try {
        items.add(JSON.readTree(line));
      } catch (JsonProcessingException e) {
        errors.add(new FieldError("[" + items.size() + "]", reason(e)));
        items.add(null);
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(400, "malformed JSON", errors, Map.of());
    }
    return items;
  }

  public static ObjectMapper mapper() {
    return JSON;
  }

  private static ApiException malformed(String field, JsonProcessingException e) {
    return new ApiException(400, "malformed JSON", List.of(new FieldError(field, reason(e))), Map.of());
  }

  private static String reason(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage();
    int newline = message.indexOf('\n');
    return "malformed JSON: " + (newline < 0 ? message : message.substring(0, newline));
  }
}
