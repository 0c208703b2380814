package io.upsell.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@WithKafka
class TopicRecordsTest {

  @Test
  void readAllReadsToTheEndOffsetsItFoundBeforeCallingTheTopicQuiet(TopicRecords records) {
    String shop = "read-all-" + UUID.randomUUID();
    for (int i = 0; i < 12; i++) {
      String key = Keys.customer(shop, "c-" + i);
      records.send(Topics.APP_USAGE, key, usage(shop, "c-" + i), System.currentTimeMillis());
    }

    // No quiet window at all: only reading to the end offsets captured first can find the records.
    var read = records.readAll(Topics.APP_USAGE, r -> r.key().startsWith(shop + ":"), Duration.ZERO);

    assertThat(read).hasSize(12);
  }

  private static UsageReported usage(String shop, String customer) {
    return UsageReported.newBuilder().setShopId(shop).setCustomerId(customer).setEventId("e-" + customer)
        .setOccurredAt(Instant.now()).setResource("storage").setUsedUnits(1).setQuotaUnits(10).build();
  }
}
