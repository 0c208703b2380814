package io.upsell.ingest.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsell.platform.http.FieldError;
import java.util.List;

/** A call of another format (Segment, Shopify) translated: a native event, an ignored name, or what is wrong. */
public record Translation(JsonNode event, String ignored, List<FieldError> errors) {

  public static Translation mapped(JsonNode event) {
    return new Translation(event, null, List.of());
  }

  public static Translation ignored(String name) {
    return new Translation(null, name, List.of());
  }

  public static Translation invalid(List<FieldError> errors) {
    return new Translation(null, null, List.copyOf(errors));
  }

  /** Mapped when {@code fields} read without errors, else invalid. */
  public static Translation of(NativeJson json, Fields fields) {
    return fields.errors().isEmpty() ? mapped(json.json()) : invalid(fields.errors());
  }
}
