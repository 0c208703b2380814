package io.upsell.schemas.serde;

import io.upsell.schemas.topics.Topic;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Hands out the key and value serdes of every topic. Built from config: Avro single-object encoding with the
 * committed schema history by default (no registry on one machine), or a schema-registry serde for clusters.
 */
public final class EventSerdes {

  /** Config key: {@code single-object} (default) or {@code registry}. */
  public static final String FORMAT = "upsell.serde.format";
  /** Config key: registry base URL, e.g. {@code http://registry:8080/apis/registry/v3}; with format=registry. */
  public static final String REGISTRY_URL = "upsell.serde.registry-url";

  private final Format format;
  private final SchemaStore history;
  private final Map<String, Object> registryConfig;
  private final Map<Class<?>, Serde<?>> valueSerdes = new ConcurrentHashMap<>();

  private EventSerdes(Format format, Map<String, Object> registryConfig) {
    this.format = format;
    this.history = SchemaHistory.load().store();
    this.registryConfig = registryConfig;
  }

  /** The default: single-object encoding, no registry. */
  public static EventSerdes singleObject() {
    return new EventSerdes(Format.SINGLE_OBJECT, Map.of());
  }

  /**
   * Serdes chosen by {@link #FORMAT}; with {@code registry}, every {@code apicurio.*} key is passed through to
   * the Apicurio serializers.
   */
  public static EventSerdes fromConfig(Map<String, ?> config) {
    Format format = Format.parse(String.valueOf(config.containsKey(FORMAT) ? config.get(FORMAT) : "single-object"));
    if (format == Format.SINGLE_OBJECT) {
      return singleObject();
    }
    Object url = config.get(REGISTRY_URL);
    if (url == null || url.toString().isBlank()) {
      throw new IllegalArgumentException(REGISTRY_URL + " is required when " + FORMAT + "=registry");
    }
    Map<String, Object> registry = new HashMap<>();
    registry.put("apicurio.registry.url", url.toString());
    registry.put("apicurio.registry.auto-register", "true");
    registry.put("apicurio.registry.use-specific-avro-reader", "true");
    config.forEach((k, v) -> {
      if (k.startsWith("apicurio.")) {
        registry.put(k, v);
      }
    });
    return new EventSerdes(format, Map.copyOf(registry));
  }

  public Format format() {
    return format;
  }

  /** Keys are plain UTF-8 strings ({@code shopId:customerId}, {@code shopId:productId}, {@code shopId}). */
  public Serde<String> keySerde() {
    return Serdes.String();
  }

  /** The value serde of {@code topic}. */
  public <V extends SpecificRecord> Serde<V> valueSerde(Topic<V> topic) {
    return valueSerde(topic.valueType());
  }

  /** The value serde for records of {@code type}; one instance per type, safe to share between threads. */
  @SuppressWarnings("unchecked")
  public <V extends SpecificRecord> Serde<V> valueSerde(Class<V> type) {
    return (Serde<V>) valueSerdes.computeIfAbsent(type, t -> create(type));
  }

  private <V extends SpecificRecord> Serde<V> create(Class<V> type) {
    return switch (format) {
      case SINGLE_OBJECT -> new SingleObjectSerde<>(type, history).serde();
      case REGISTRY -> RegistrySerde.create(registryConfig);
    };
  }

  /** How values are written on the wire. */
  public enum Format {
    SINGLE_OBJECT,
    REGISTRY;

    static Format parse(String text) {
      return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "single-object" -> SINGLE_OBJECT;
        case "registry" -> REGISTRY;
        default -> throw new IllegalArgumentException(
            FORMAT + " must be single-object or registry, was '" + text + "'");
      };
    }
  }
}
