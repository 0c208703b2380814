package io.upsell.engine.policy;

import io.upsell.schemas.upsell.SuppressionReason;
import io.upsell.schemas.upsell.UpsellTrigger;

/** What the policies made of a candidate: fire it, refuse it (with why), hold it until a time, or ignore a repeat. */
public record Verdict(Kind kind, UpsellTrigger trigger, SuppressionReason reason, String detail, long until) {

  public enum Kind { FIRE, SUPPRESS, DELAY, REPEAT }

  static Verdict fire(UpsellTrigger trigger) {
    return new Verdict(Kind.FIRE, trigger, null, null, 0);
  }

  static Verdict suppress(UpsellTrigger trigger, SuppressionReason reason, String detail) {
    return new Verdict(Kind.SUPPRESS, trigger, reason, detail, 0);
  }

  static Verdict delay(UpsellTrigger trigger, long until) {
    return new Verdict(Kind.DELAY, trigger, null, null, until);
  }

  static Verdict repeat(UpsellTrigger trigger) {
    return new Verdict(Kind.REPEAT, trigger, null, null, 0);
  }
}
