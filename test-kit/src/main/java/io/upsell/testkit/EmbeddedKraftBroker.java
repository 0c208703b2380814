package io.upsell.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft broker (broker and controller combined) in this JVM, from Kafka's own test kit:
 * random free ports, its own temp log dir deleted on close, no Docker.
 */
final class EmbeddedKraftBroker implements TestBroker, AutoCloseable {

  private final KafkaClusterTestKit cluster;
  private final Path logDir;

  private EmbeddedKraftBroker(KafkaClusterTestKit cluster, Path logDir) {
    this.cluster = cluster;
    this.logDir = logDir;
  }

  static EmbeddedKraftBroker start() throws Exception {
    Path logDir = Files.createTempDirectory("upsell-test-kafka");
    TestKitNodes nodes = new TestKitNodes.Builder()
        .setBaseDirectory(logDir)
        .setCombined(true)
        .setNumBrokerNodes(1)
        .setNumControllerNodes(1)
        .build();
    KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
        // One broker: internal topics must not ask for more replicas than exist; exactly-once needs these.
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("offsets.topic.num.partitions", "6")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("transaction.state.log.num.partitions", "6")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .setConfigProp("auto.create.topics.enable", "false")
        .setConfigProp("num.io.threads", "2")
        .setConfigProp("num.network.threads", "2")
        .setConfigProp("log.cleaner.dedupe.buffer.size", Long.toString(8L * 1024 * 1024))
        // We delete the dir after close ourselves: the kit's own deletion can race the broker's last flush.
        .setDeleteOnClose(false)
        .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    return new EmbeddedKraftBroker(cluster, logDir);
  }

  @Override
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  @Override
  public void close() throws Exception {
    cluster.close();
    try (Stream<Path> paths = Files.walk(logDir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
