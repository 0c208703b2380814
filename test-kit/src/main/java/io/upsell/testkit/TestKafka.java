package io.upsell.testkit;

import io.upsell.schemas.topics.TopicSetup;
import io.upsell.schemas.topics.Topics;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The one broker of this test JVM, started on first use with every catalog topic created, stopped at JVM exit.
 * {@code -Dupsell.test.kafka=testcontainers} runs it in a container instead of in-process; without a Docker
 * engine those tests are skipped, never failed.
 */
public final class TestKafka {

  /** System property choosing the broker: {@code embedded} (default) or {@code testcontainers}. */
  public static final String MODE_PROPERTY = "upsell.test.kafka";

  private static TestBroker broker;
  private static long startMillis;

  private TestKafka() {}

  /** The running broker, started (and its topics created) on the first call. */
  public static synchronized TestBroker broker() {
    if (broker == null) {
      long started = System.nanoTime();
      broker = startBroker();
      createTopics(broker);
      startMillis = (System.nanoTime() - started) / 1_000_000;
      System.err.printf("[test-kit] %s Kafka broker at %s ready with %d topics in %d ms%n",
          mode(), broker.bootstrapServers(), Topics.ALL.size(), startMillis);
    }
    return broker;
  }

  /** Why this JVM cannot have a broker, if it cannot (Testcontainers mode without Docker). */
  public static Optional<String> unavailableReason() {
    if (mode().equals("testcontainers") && !ContainerBroker.dockerAvailable()) {
      return Optional.of("-D" + MODE_PROPERTY + "=testcontainers but no Docker engine is reachable: skipped");
    }
    return Optional.empty();
  }

  /** How long the broker took to start and get its topics, in ms; 0 before it started. */
  public static synchronized long startMillis() {
    return startMillis;
  }

  static String mode() {
    return System.getProperty(MODE_PROPERTY, "embedded").toLowerCase(Locale.ROOT);
  }

  private static TestBroker startBroker() {
    try {
      AutoCloseable started = switch (mode()) {
        case "embedded" -> EmbeddedKraftBroker.start();
        case "testcontainers" -> ContainerBroker.start();
        default -> throw new IllegalArgumentException(MODE_PROPERTY + " must be embedded or testcontainers");
      };
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started), "test-kafka-stop"));
      return (TestBroker) started;
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the test Kafka broker", e);
    }
  }

  private static void createTopics(TestBroker broker) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicSetup.createMissing(admin, Topics.ALL, (short) 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating topics", e);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // The JVM is exiting; the broker's temp dir is removed by its own close or the OS.
    }
  }
}
