package io.upsell.notifier.inapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.upsell.platform.http.ApiException;
import io.upsell.schemas.topics.Topics;
import java.nio.file.Files;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class InboxOwnerTest {

  @Test
  void answersServiceUnavailableWithRetryAfterWhileNoInstanceHasTheCustomersPartition() throws Exception {
    // Given a Streams client that has not joined its group (as during a start or a rebalance)
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Topics.NOTIFY_INAPP.name());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "inbox-owner-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:8083");
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("inbox-owner").toString());
    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      InboxOwner owner = new InboxOwner(() -> streams, Serdes.String().serializer());

      // When a customer's inbox is looked for
      ApiException refused = catchThrowableOfType(ApiException.class, () -> owner.of("shop-a:c1"));

      // Then the caller is told to come back, not given an empty inbox or an error
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.headers()).containsEntry("Retry-After", "2");
    }
  }
}
