package io.upsell.schemas.topics;

import io.upsell.schemas.analytics.CouponState;
import io.upsell.schemas.notify.InboxEntry;
import io.upsell.schemas.notify.SendRetry;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro values of state stores that are no topic's value: their changelogs outlive a release, so their schema
 * versions are released and checked for backward compatibility like the topics' values.
 */
public final class StateValues {

  /** Every state-store value type not already a topic's value. */
  public static final List<Class<? extends SpecificRecord>> ALL = List.of(CouponState.class, InboxEntry.class,
      SendRetry.class);

  private StateValues() {}
}
