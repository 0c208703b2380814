package io.upsell.notifier.delivery;

/**
 * One try of a send, as the channel read the answer: taken, refused for good (SMTP 5xx, webhook 4xx), failed for
 * now (SMTP 4xx, webhook 5xx, connection refused, timeout), or throttled by the provider (SMTP 421/454, HTTP 429),
 * which slows the channel down and is no failure of the message. {@code error} never holds an address.
 */
public record Attempt(Kind kind, String error) {

  /** What the answer means for the send. */
  public enum Kind { SENT, PERMANENT, TEMPORARY, THROTTLED }

  public static Attempt sent() {
    return new Attempt(Kind.SENT, null);
  }
}
