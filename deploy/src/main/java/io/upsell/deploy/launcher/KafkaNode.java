package io.upsell.deploy.launcher;

import io.upsell.schemas.topics.TopicSetup;
import io.upsell.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka (broker and controller in one JVM, {@code kafka.Kafka} from Maven Central) whose data
 * lives in {@code .upsell/kafka/data} and survives stop/start; every catalog topic is created on start.
 */
final class KafkaNode {

  static final String ROLE = "kafka";

  private KafkaNode() {}

  static void start(StackHome home, StackPorts ports) throws InterruptedException {
    Path config = writeConfig(home, ports);
    Path data = home.kafkaDir().resolve("data");
    if (!Files.exists(data.resolve("meta.properties"))) {
      int exit = ChildProcess.run(home, "kafka-format", List.of("-Xmx256m", "-cp", ChildProcess.classPath()),
          List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()),
          Duration.ofMinutes(2));
      if (exit != 0) {
        throw new IllegalStateException("formatting Kafka storage failed; see " + home.log("kafka-format"));
      }
    }
    ChildProcess.start(home, ROLE,
        List.of("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC",
            "-cp", ChildProcess.classPath()),
        List.of("kafka.Kafka", config.toString()), Map.of());
    createTopics(bootstrap(ports));
  }

  static String bootstrap(StackPorts ports) {
    return "127.0.0.1:" + ports.of("kafka");
  }

  /** Waits for the broker to answer (up to two minutes), then creates the catalog's missing topics. */
  private static void createTopics(String bootstrap) throws InterruptedException {
    Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    try (Admin admin = Admin.create(config)) {
      while (true) {
        try {
          admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
          TopicSetup.createMissing(admin, Topics.ALL, (short) 1);
          return;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
            | IllegalStateException e) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Kafka did not come up at " + bootstrap + ": " + e.getMessage(), e);
          }
          Thread.sleep(500);
        }
      }
    }
  }

  private static Path writeConfig(StackHome home, StackPorts ports) {
    String controller = "127.0.0.1:" + ports.of("controller");
    String text = String.join("\n",
        "# Written by ./upsell start on every start; edit the launcher (KafkaNode), not this file.",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@" + controller,
        "listeners=PLAINTEXT://" + bootstrap(ports) + ",CONTROLLER://" + controller,
        "advertised.listeners=PLAINTEXT://" + bootstrap(ports),
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name=PLAINTEXT",
        "log.dirs=" + home.kafkaDir().resolve("data"),
        // One node: internal topics cannot have more replicas than that; exactly-once needs the last two.
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=false",
        "num.network.threads=2",
        "num.io.threads=2",
        "log.cleaner.dedupe.buffer.size=16777216",
        "");
    Path file = home.kafkaDir().resolve("server.properties");
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
