package io.upsell.deploy.manifests;

import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the cluster manifests that list topics, from the {@link Topics} catalog: Strimzi {@code KafkaTopic}
 * resources for Kubernetes and the topic-creation script docker-compose runs. {@code ManifestsTest} fails when
 * the committed files differ from what this writes. Regenerate:
 * {@code java -cp "deploy/target/deploy.jar:$(cat deploy/target/classpath.txt)" io.upsell.deploy.manifests.Manifests deploy}
 */
public final class Manifests {

  static final String CLUSTER = "upsell";
  static final Path K8S_TOPICS = Path.of("k8s", "topics.yaml");
  static final Path COMPOSE_TOPICS = Path.of("compose", "create-topics.sh");

  private Manifests() {}

  public static void main(String[] args) throws IOException {
    Path deployDir = Path.of(args.length > 0 ? args[0] : "deploy");
    Files.writeString(deployDir.resolve(K8S_TOPICS), kafkaTopics());
    Files.writeString(deployDir.resolve(COMPOSE_TOPICS), composeScript());
  }

  /** One Strimzi KafkaTopic per catalog topic. */
  static String kafkaTopics() {
    StringBuilder yaml = new StringBuilder("# Generated from the Topics catalog by io.upsell.deploy.manifests.Manifests; do not edit.\n");
    for (Topic<?> topic : Topics.ALL) {
      yaml.append("---\napiVersion: kafka.strimzi.io/v1beta2\nkind: KafkaTopic\nmetadata:\n")
          .append("  name: ").append(topic.name().replace('.', '-')).append('\n')
          .append("  labels:\n    strimzi.io/cluster: ").append(CLUSTER).append('\n')
          .append("spec:\n  topicName: ").append(topic.name()).append('\n')
          .append("  partitions: ").append(topic.partitions()).append('\n')
          .append("  replicas: 3\n  config:\n");
      configs(topic).forEach((key, value) -> yaml.append("    ").append(key).append(": \"").append(value).append("\"\n"));
      yaml.append("    min.insync.replicas: \"2\"\n");
    }
    return yaml.toString();
  }

  /** kafka-topics.sh calls creating every catalog topic on the compose broker (one replica). */
  static String composeScript() {
    StringBuilder script = new StringBuilder("""
        #!/bin/sh
        # Generated from the Topics catalog by io.upsell.deploy.manifests.Manifests; do not edit.
        set -e
        BOOTSTRAP="${BOOTSTRAP:-kafka:9092}"
        """);
    for (Topic<?> topic : Topics.ALL) {
      script.append("/opt/kafka/bin/kafka-topics.sh --bootstrap-server \"$BOOTSTRAP\" --create --if-not-exists")
          .append(" --topic ").append(topic.name())
          .append(" --partitions ").append(topic.partitions())
          .append(" --replication-factor 1");
      configs(topic).forEach((key, value) -> script.append(" --config ").append(key).append('=').append(value));
      script.append('\n');
    }
    return script.toString();
  }

  private static Map<String, String> configs(Topic<?> topic) {
    return new TreeMap<>(topic.configs());
  }
}
