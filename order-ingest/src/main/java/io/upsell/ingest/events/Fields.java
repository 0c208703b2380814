package io.upsell.ingest.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import io.upsell.platform.http.FieldError;
import io.upsell.schemas.topics.Keys;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads one JSON object field by field and records every problem as a {@link FieldError} with the field's full path
 * instead of stopping at the first; a field that is wrong reads as a harmless placeholder ("" or 0), so a whole
 * event can be checked in one pass and then thrown away if {@link #errors()} is not empty.
 */
public final class Fields {

  /** How far ahead of our clock an event time may be (the sender's clock may run fast). */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);

  /** Longest URL accepted: what browsers and mail clients follow reliably. */
  public static final int MAX_URL_LENGTH = 2048;

  private final JsonNode node;
  private final String path;
  private final List<FieldError> errors;

  private Fields(JsonNode node, String path, List<FieldError> errors) {
    this.node = node;
    this.path = path;
    this.errors = errors;
  }

  /** A reader of {@code node} whose errors are named under {@code path} (e.g. {@code [3]} in a batch). */
  public static Fields of(JsonNode node, String path) {
    Fields fields = new Fields(node, path, new ArrayList<>());
    if (node == null || !node.isObject()) {
      fields.fail("", "must be a JSON object");
    }
    return fields;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public boolean has(String name) {
    JsonNode value = node.get(name);
    return value != null && !value.isNull();
  }

  public JsonNode raw(String name) {
    return node.path(name);
  }

  public void fail(String name, String reason) {
    errors.add(new FieldError(name(name), reason));
  }

  /** A non-blank string; ids given as JSON numbers are accepted as their digits. */
  public String text(String name) {
    String value = optText(name);
    if (value == null) {
      if (!has(name)) {
        fail(name, "is required");
      }
      return "";
    }
    return value;
  }

  public String optText(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return value.asText();
    }
    if (!value.isTextual()) {
      fail(name, "must be a string");
      return null;
    }
    if (value.asText().isBlank()) {
      fail(name, "must not be blank");
      return null;
    }
    return value.asText();
  }

  /**
   * An optional absolute http(s) URL: it becomes a link in a customer's message, so anything else (a relative
   * path, {@code javascript:}, spaces or control characters) is refused rather than passed on.
   */
  public String optUrl(String name) {
    String value = optText(name);
    if (value == null) {
      return null;
    }
    if (value.length() > MAX_URL_LENGTH || !isHttpUrl(value)) {
      fail(name, "must be an absolute http or https URL of at most " + MAX_URL_LENGTH + " characters");
      return null;
    }
    return value;
  }

  /** Whether {@code value} is an absolute http(s) URL without spaces or control characters. */
  public static boolean isHttpUrl(String value) {
    if (value.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      return false;
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      return uri.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** An optional object of whole numbers ≥ 0 by name, e.g. a plan's quotas per resource. */
  public Map<String, Long> counts(String name) {
    return valuesByName(name, Fields::optCount, "must be a whole number");
  }

  /** An optional object of non-blank strings by name, e.g. a plan's unit per resource. */
  public Map<String, String> textsByName(String name) {
    return valuesByName(name, Fields::optText, "must be a string");
  }

  private <T> Map<String, T> valuesByName(String name, BiFunction<Fields, String, T> read, String whenNull) {
    Fields object = object(name);
    Map<String, T> values = new LinkedHashMap<>();
    for (String key : object.names()) {
      if (object.node.get(key).isNull()) {
        object.fail(key, whenNull);
        continue;
      }
      T value = read.apply(object, key);
      if (value != null) {
        values.put(key, value);
      }
    }
    return values;
  }

  // The member names of this object, each held to the id rule: they become map keys in stored records.
  private List<String> names() {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(key -> {
      Optional<String> problem = Keys.idProblem(key);
      if (problem.isPresent()) {
        fail(key, "name " + problem.get());
      } else {
        names.add(key);
      }
    });
    return names;
  }

  /** A required whole number ≥ 0 (quantities, money in minor units, units of usage). */
  public long count(String name) {
    if (!has(name)) {
      fail(name, "is required");
      return 0;
    }
    Long value = optCount(name);
    return value == null ? 0 : value;
  }

  public Long optCount(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber()) {
      fail(name, "must be a whole number");
      return null;
    }
    if (!value.canConvertToLong()) {
      fail(name, value.bigIntegerValue().signum() < 0 ? "must not be negative" : "must be at most " + Long.MAX_VALUE);
      return null;
    }
    if (value.asLong() < 0) {
      fail(name, "must not be negative");
      return null;
    }
    return value.asLong();
  }

  /** An optional decimal amount ≥ 0 in major units ({@code 19.99} or {@code "19.99"}), as Segment and Shopify send. */
  public BigDecimal optAmount(String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    BigDecimal amount = null;
    if (value.isNumber()) {
      amount = value.decimalValue();
    } else if (value.isTextual()) {
      try {
        amount = new BigDecimal(value.asText().strip());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    if (amount == null || amount.signum() < 0 || amount.scale() > 6 || amount.precision() - amount.scale() > 15) {
      fail(name, "must be a non-negative amount such as 19.99");
      return null;
    }
    return amount;
  }

  /** The object under {@code name} (empty when absent), its errors named under this path. */
  public Fields object(String name) {
    JsonNode value = node.get(name);
    if (value != null && !value.isNull() && !value.isObject()) {
      fail(name, "must be a JSON object");
    }
    JsonNode object = value != null && value.isObject() ? value : JsonNodeFactory.instance.objectNode();
    return new Fields(object, name(name), errors);
  }

  /** A required whole number in {@code [min, max]}. */
  public int bounded(String name, int min, int max) {
    if (!has(name)) {
      fail(name, "is required");
      return min;
    }
    Integer value = optBounded(name, min, max);
    return value == null ? min : value;
  }

  /** An optional whole number in {@code [min, max]}; null when absent or refused. */
  public Integer optBounded(String name, int min, int max) {
    Long value = optCount(name);
    if (value == null) {
      return null;
    }
    if (value < min || value > max) {
      fail(name, "must be between " + min + " and " + max);
      return null;
    }
    return value.intValue();
  }

  public boolean bool(String name, boolean fallback) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      fail(name, "must be true or false");
      return fallback;
    }
    return value.asBoolean();
  }

  /**
   * A required point in the past: epoch millis, or ISO-8601 with an offset. It becomes the record timestamp, which
   * Kafka refuses before 1970, and the broker refuses timestamps far in the future, so anything before the epoch or
   * more than {@link #MAX_CLOCK_SKEW} ahead is an input error.
   */
  public Instant instant(String name) {
    if (!has(name)) {
      fail(name, "is required");
      return Instant.EPOCH;
    }
    Instant value = readInstant(name, Instant.now().plus(MAX_CLOCK_SKEW), "must not be in the future");
    return value == null ? Instant.EPOCH : value;
  }

  /** An optional instant of the years 1970 to 9999 (expiry, creation): what Avro's millis and every reader can take. */
  public Instant optInstant(String name) {
    return readInstant(name, TimeBounds.LATEST, "must not be after " + TimeBounds.LATEST);
  }

  private Instant readInstant(String name, Instant latest, String tooLate) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    Instant instant = null;
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      instant = Instant.ofEpochMilli(value.asLong());
    } else if (value.isTextual()) {
      try {
        instant = OffsetDateTime.parse(value.asText()).toInstant();
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    if (instant == null) {
      fail(name, "must be epoch millis or an ISO-8601 time with offset");
    } else if (instant.isBefore(Instant.EPOCH)) {
      fail(name, "must not be before " + Instant.EPOCH);
    } else if (instant.isAfter(latest)) {
      fail(name, tooLate);
    } else {
      return instant;
    }
    return null;
  }

  /** A required calendar day ({@code 2010-12-01}) of the years 1970 to 9999. */
  public LocalDate date(String name) {
    String text = text(name);
    if (text.isEmpty()) {
      return LocalDate.EPOCH;
    }
    try {
      LocalDate day = LocalDate.parse(text);
      if (day.isBefore(LocalDate.EPOCH) || day.getYear() > TimeBounds.LATEST_YEAR) {
        fail(name, "must be a day of the years 1970 to " + TimeBounds.LATEST_YEAR);
        return LocalDate.EPOCH;
      }
      return day;
    } catch (DateTimeParseException e) {
      fail(name, "must be a date like 2010-12-01");
      return LocalDate.EPOCH;
    }
  }

  /** A required id that can be part of a record key: the contract's rule ({@link Keys#idProblem}). */
  public String id(String name) {
    String value = text(name);
    return value.isEmpty() ? value : checkedId(name, value);
  }

  public String optId(String name) {
    String value = optText(name);
    return value == null ? null : checkedId(name, value);
  }

  private String checkedId(String name, String value) {
    Optional<String> problem = Keys.idProblem(value);
    problem.ifPresent(reason -> fail(name, reason));
    return problem.isPresent() ? "" : value;
  }

  /** A required enum value, written in any case ({@code open}, {@code OPEN}); unknown values name the choices. */
  public <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
    if (!has(name)) {
      fail(name, "is required");
      return fallback;
    }
    E value = optChoice(name, type);
    return value == null ? fallback : value;
  }

  public <E extends Enum<E>> E optChoice(String name, Class<E> type) {
    String text = optText(name);
    if (text == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      fail(name, "must be one of " + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT));
      return null;
    }
  }

  /** The objects of a required array, each read under {@code name[i]}. */
  public List<Fields> objects(String name, boolean required) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      if (required) {
        fail(name, "is required");
      }
      return List.of();
    }
    if (!value.isArray()) {
      fail(name, "must be an array");
      return List.of();
    }
    List<Fields> items = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      Fields item = new Fields(value.get(i), name(name) + "[" + i + "]", errors);
      if (!value.get(i).isObject()) {
        item.fail("", "must be a JSON object");
      } else {
        items.add(item);
      }
    }
    return items;
  }

  /** The strings of an optional array. */
  public List<String> texts(String name) {
    return strings(name, false);
  }

  /** The ids of an optional array, each held to the id rule ({@link Keys#idProblem}). */
  public List<String> ids(String name) {
    return strings(name, true);
  }

  private List<String> strings(String name, boolean ids) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    if (!value.isArray()) {
      fail(name, "must be an array of strings");
      return items;
    }
    for (int i = 0; i < value.size(); i++) {
      String item = value.get(i).isTextual() ? value.get(i).asText() : "";
      Optional<String> problem = item.isBlank() ? Optional.of("must be a non-blank string")
          : ids ? Keys.idProblem(item) : Optional.empty();
      if (problem.isPresent()) {
        fail(name + "[" + i + "]", problem.get());
      } else {
        items.add(item);
      }
    }
    return items;
  }

  private String name(String field) {
    if (field.isEmpty()) {
      return path.isEmpty() ? "body" : path;
    }
    return path.isEmpty() ? field : path + (field.startsWith("[") ? "" : ".") + field;
  }
}
