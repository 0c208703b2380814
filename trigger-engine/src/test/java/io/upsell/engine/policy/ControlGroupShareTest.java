package io.upsell.engine.policy;

import static io.upsell.engine.testing.EngineDriver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.WithDefault;
import io.upsell.engine.config.EngineConfig;
import io.upsell.engine.testing.EngineDriver;
import io.upsell.schemas.upsell.SuppressedTrigger;
import io.upsell.schemas.upsell.SuppressionReason;
import io.upsell.schemas.upsell.UpsellTrigger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control group and the A/B split at the shipped default share, over enough customers that a wrong share
 * falls outside a five-sigma binomial bound. Who lands where is checked against Kafka's own key partitioner
 * (murmur2, the documented rule), not against the engine's bucket function.
 */
class ControlGroupShareTest {

  private static final int CUSTOMERS = 2_000;
  private static EngineDriver engine;
  private static final List<UpsellTrigger> decided = new ArrayList<>();
  private static final List<SuppressedTrigger> refused = new ArrayList<>();
  private static double defaultPercent;

  @BeforeAll
  static void everyCustomerReportsFullStorage() throws Exception {
    defaultPercent = Double.parseDouble(
        EngineConfig.class.getMethod("holdoutPercent").getAnnotation(WithDefault.class).value());
    engine = new EngineDriver(Map.of("upsell.engine.holdout-percent", Double.toString(defaultPercent)));
    for (int i = 0; i < CUSTOMERS; i++) {
      engine.customer("c" + i);
      engine.usage("c" + i, "u" + i, at(Duration.ZERO), 90, 100);
    }
    // Reading the output topics consumes them: read each once.
    refused.addAll(engine.suppressed());
    decided.addAll(engine.fired());
    refused.stream().map(SuppressedTrigger::getTrigger).forEach(decided::add);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void holdsOutTheDefaultShareOfCustomers() {
    assertThat(decided).as("every customer was decided once").hasSize(CUSTOMERS);
    long held = refused.stream()
        .filter(s -> s.getSuppressionReason() == SuppressionReason.HOLDOUT).count();

    assertThat(defaultPercent).as("the shipped default holds some customers out").isGreaterThan(0);
    assertThat(held).isBetween(lowerBound(defaultPercent / 100), upperBound(defaultPercent / 100));
  }

  @Test
  void heldOutAreExactlyThoseKafkasPartitionerPutsInTheControlBuckets() {
    for (UpsellTrigger t : decided) {
      int bucket = BuiltInPartitioner.partitionForKey(bytes(t.getShopId() + ":" + t.getCustomerId()), 10_000);
      assertThat(t.getHoldout()).as(t.getCustomerId()).isEqualTo(bucket < defaultPercent * 100);
    }
  }

  @Test
  void splitsVariantsEvenlyByKafkasPartitionerOverCustomerAndType() {
    long a = 0;
    for (UpsellTrigger t : decided) {
      int half = BuiltInPartitioner.partitionForKey(
          bytes(t.getShopId() + ":" + t.getCustomerId() + ":" + t.getType()), 2);
      assertThat(t.getVariant()).as(t.getCustomerId()).isEqualTo(half == 0 ? "A" : "B");
      a += t.getVariant().equals("A") ? 1 : 0;
    }
    assertThat(a).isBetween(lowerBound(0.5), upperBound(0.5));
  }

  private static long lowerBound(double p) {
    return Math.round(CUSTOMERS * p - 5 * Math.sqrt(CUSTOMERS * p * (1 - p)));
  }

  private static long upperBound(double p) {
    return Math.round(CUSTOMERS * p + 5 * Math.sqrt(CUSTOMERS * p * (1 - p)));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
