package io.upsell.ingest.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsell.platform.http.ApiException;
import io.upsell.platform.http.FieldError;
import io.upsell.platform.http.StrictJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Request bodies as JSON trees: one value, a JSON array, or NDJSON (one value per line). Anything that is not
 * well-formed is a 400 naming where it broke; a body over the size limit is a 413.
 */
public final class JsonBodies {

  private static final ObjectMapper JSON = StrictJson.strict(new ObjectMapper())
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

  /**
   * The values of an NDJSON body; blank lines are skipped, every malformed line is named. Lines are found in the
   * bytes and parsed in place (splitting a 5 MB body into strings with a regex cost more than parsing it).
   */
  public static List<JsonNode> ndjson(byte[] body) {
    byte[] bytes = body == null ? new byte[0] : body;
    List<JsonNode> items = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    for (int start = 0; start < bytes.length; ) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      if (!blank(bytes, start, end)) {
        try {
          items.add(JSON.readTree(bytes, start, end - start));
        } catch (JsonProcessingException e) {
          errors.add(new FieldError("[" + items.size() + "]", reason(e)));
          items.add(null);
        } catch (IOException e) {
          throw ApiException.badRequest("body", "unreadable");
        }
      }
      start = end + 1;
    }
    if (!errors.isEmpty()) {
      throw new ApiException(400, "malformed JSON", errors, Map.of());
    }
    return items;
  }

  private static boolean blank(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
        return false;
      }
    }
    return true;
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
