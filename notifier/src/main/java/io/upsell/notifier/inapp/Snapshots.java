package io.upsell.notifier.inapp;

import io.upsell.schemas.notify.InAppMessage;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;

/**
 * Copies message snapshots with the class loader that loaded the generated classes. Avro's generated
 * {@code newBuilder(other)} deep-copies enums through its own default loader, which under Quarkus' class loaders
 * can yield a different {@code TriggerType} class than the one the app uses.
 */
public final class Snapshots {

  private static final SpecificData MODEL = new SpecificData(InAppMessage.class.getClassLoader());

  static {
    MODEL.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
  }

  private Snapshots() {}

  /** An independent copy to change and publish as the next snapshot. */
  public static InAppMessage copy(InAppMessage message) {
    return MODEL.deepCopy(InAppMessage.getClassSchema(), message);
  }
}
