package io.upsell.schemas.topics;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic of the contract: its name, what its key is, the Avro record its values are, and how the
 * broker keeps it. Everything that creates or reads a topic (services, launcher, tests, manifests) starts here.
 *
 * @param retention how long the broker keeps records; {@code null} means forever. Raw events carry their
 *     business time as record timestamp, so an import of last year's orders would be deleted at once by a
 *     time-based retention: history topics keep everything.
 */
public record Topic<V extends SpecificRecord>(
    String name, KeyKind key, Class<V> valueType, int partitions, Cleanup cleanup, Duration retention) {

  /** What a record key names; every key is a plain string built by {@link Keys}. */
  public enum KeyKind {
    /** {@code shopId:customerId}: customer-scoped topics, co-partitioned for joins. */
    CUSTOMER,
    /** {@code shopId:productId}. */
    PRODUCT,
    /** {@code shopId}. */
    SHOP,
    /** {@code shopId:name}: one of a shop's own settings, e.g. a template ({@code shopId:CART_ABANDONED:EMAIL:ar}). */
    SHOP_SETTING
  }

  /** Broker cleanup policy. */
  public enum Cleanup {
    DELETE("delete"),
    COMPACT("compact");

    private final String config;

    Cleanup(String config) {
      this.config = config;
    }

    public String config() {
      return config;
    }
  }

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(cleanup, "cleanup");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1: " + name);
    }
  }

  /** Broker-side topic configs to create this topic with. */
  public Map<String, String> configs() {
    String retentionMs = retention == null ? "-1" : Long.toString(retention.toMillis());
    return Map.of("cleanup.policy", cleanup.config(), "retention.ms", retentionMs);
  }

  /** The partition Kafka's default partitioner gives {@code key} in this topic (which instance owns it). */
  public int partitionOf(String key) {
    return Keys.bucket(key, partitions);
  }

  @Override
  public String toString() {
    return name;
  }
}
