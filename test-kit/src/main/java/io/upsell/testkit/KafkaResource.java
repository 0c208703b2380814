package io.upsell.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.opentest4j.TestAbortedException;

/**
 * Points a {@code @QuarkusTest} at the JVM's test broker: {@code @QuarkusTestResource(KafkaResource.class)}.
 * Each app start gets a fresh Kafka Streams state dir, so no test reads another's local state.
 */
public final class KafkaResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    TestKafka.unavailableReason().ifPresent(reason -> {
      throw new TestAbortedException(reason);
    });
    String servers = TestKafka.broker().bootstrapServers();
    try {
      String stateDir = Files.createTempDirectory("kafka-streams-state").toString();
      return Map.of(
          "kafka.bootstrap.servers", servers,
          // The in-process broker logs through the app's log manager: keep its chatter out of test output.
          "quarkus.log.category.\"kafka\".level", "WARN",
          "quarkus.log.category.\"org.apache.kafka\".level", "WARN",
          "quarkus.log.category.\"state.change.logger\".level", "WARN",
          "quarkus.kafka-streams.bootstrap-servers", servers,
          "kafka-streams.state.dir", stateDir,
          "quarkus.kafka.devservices.enabled", "false");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    // The broker outlives each app start: it is shared by every test class of the JVM.
  }
}
