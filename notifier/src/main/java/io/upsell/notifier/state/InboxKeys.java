package io.upsell.notifier.state;

/**
 * Keys of the inbox stores. NUL separates the parts: ids may hold any character but controls, so a customer's
 * entries share the prefix {@code shopId:customerId NUL} and a prefix scan finds exactly them. Timer keys lead with
 * the zero-padded due time, so a range scan up to now reads only what is due.
 */
public final class InboxKeys {

  private static final char SEPARATOR = '\0';

  private InboxKeys() {}

  public static String prefix(String customerKey) {
    return customerKey + SEPARATOR;
  }

  public static String entry(String customerKey, String messageId) {
    return prefix(customerKey) + messageId;
  }

  static String timer(long dueMillis, String entryKey) {
    return String.format("%015d", dueMillis) + SEPARATOR + entryKey;
  }

  /** The first timer key after every timer due at or before {@code nowMillis}. */
  static String timersAfter(long nowMillis) {
    return String.format("%015d", nowMillis + 1);
  }
}
