package io.upsell.schemas.topics;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;

/** Record keys of the contract: {@code shopId:customerId} and {@code shopId:productId}. */
public final class Keys {

  private static final char SEPARATOR = ':';

  /** Longest customer or product id: ids become keys in every topic, store and changelog. */
  public static final int MAX_ID_LENGTH = 200;

  private Keys() {}

  /** Why {@code id} cannot be a customer or product id (a reason for a 400), or empty when it can. */
  public static Optional<String> idProblem(String id) {
    if (id == null || id.isBlank()) {
      return Optional.of("must not be blank");
    }
    if (id.length() > MAX_ID_LENGTH) {
      return Optional.of("must be at most " + MAX_ID_LENGTH + " characters");
    }
    if (id.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("must not contain control characters");
    }
    return Optional.empty();
  }

  /** Key of a customer-scoped record. */
  public static String customer(String shopId, String customerId) {
    return compose(shopId, customerId);
  }

  /** Key of a catalog record. */
  public static String product(String shopId, String productId) {
    return compose(shopId, productId);
  }

  /** The shop part of a composite key; the whole key for shop-keyed topics. */
  public static String shopOf(String key) {
    int at = key.indexOf(SEPARATOR);
    return at < 0 ? key : key.substring(0, at);
  }

  /** The customer (or product) part of a composite key. */
  public static String entityOf(String key) {
    int at = key.indexOf(SEPARATOR);
    if (at < 0) {
      throw new IllegalArgumentException("not a composite key: " + key);
    }
    return key.substring(at + 1);
  }

  /**
   * A stable bucket in [0, buckets) for {@code input}: Kafka's default partitioner hash (murmur2 of the UTF-8
   * bytes), so the same input gives the same bucket on every instance, in every run and in every client.
   */
  public static int bucket(String input, int buckets) {
    return Utils.toPositive(Utils.murmur2(input.getBytes(StandardCharsets.UTF_8))) % buckets;
  }

  // A shop id may not contain the separator, so the first one splits the key unambiguously.
  private static String compose(String shopId, String id) {
    if (shopId == null || shopId.isEmpty() || shopId.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException("shopId must be non-empty and contain no ':'");
    }
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("id must be non-empty");
    }
    return shopId + SEPARATOR + id;
  }
}
