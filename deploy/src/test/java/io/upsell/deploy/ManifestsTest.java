package io.upsell.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsell.schemas.topics.Topic;
import io.upsell.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The cluster manifests cannot run here (no Docker, no cluster); this checks they agree with the code. */
class ManifestsTest {

  private static final Path DEPLOY = Path.of("").toAbsolutePath();
  /** What the launcher gives {@code service}: the manifests must give it the same settings. */
  private static Set<String> environmentNames(String service) {
    try {
      Path home = java.nio.file.Files.createTempDirectory("manifests-test");
      return Services.env(new StackHome(home, home), FreeStackPorts.draw(), service).keySet();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void committedTopicManifestsAreWhatTheCatalogGenerates() throws IOException {
    assertThat(Files.readString(DEPLOY.resolve(Manifests.K8S_TOPICS))).isEqualTo(Manifests.kafkaTopics());
    assertThat(Files.readString(DEPLOY.resolve(Manifests.COMPOSE_TOPICS))).isEqualTo(Manifests.composeScript());
  }

  @Test
  void everyCatalogTopicIsAKafkaTopicWithItsPartitionsAndCleanup() throws IOException {
    List<Map<String, Object>> docs = yamlDocuments("k8s/topics.yaml");
    for (Topic<?> topic : Topics.ALL) {
      Map<String, Object> spec = docs.stream()
          .map(d -> map(d, "spec"))
          .filter(s -> topic.name().equals(s.get("topicName")))
          .findFirst().orElseThrow(() -> new AssertionError("no KafkaTopic for " + topic));
      assertThat(spec.get("partitions")).isEqualTo(topic.partitions());
      assertThat(map(spec, "config").get("cleanup.policy")).isEqualTo(topic.configs().get("cleanup.policy"));
    }
  }

  @Test
  void composeRunsEveryServiceFromItsImageWithTheLaunchersSettingsAndHealthChecks() throws IOException {
    Map<String, Object> services = map(yamlDocuments("compose.yaml").get(0), "services");
    for (String service : Services.ALL) {
      Map<String, Object> definition = map(services, service);
      assertThat(definition.get("image")).isEqualTo("upsell/" + service + ":0.1.0");
      assertThat(map(definition, "environment").keySet()).as(service).isEqualTo(environmentNames(service));
      assertThat(definition).containsKeys("healthcheck", "depends_on");
    }
    assertThat(services).containsKeys("kafka", "topics", "mailpit");
  }

  @Test
  void everyServiceImageAndTheBrokersOfComposeAndKubernetesExitOnOutOfMemory() throws IOException {
    String entrypoint = Files.readAllLines(DEPLOY.resolve("docker/Dockerfile.jvm")).stream()
        .filter(line -> line.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
    assertThat(entrypoint).as("before JAVA_OPTS, so overriding them keeps it")
        .contains("java -XX:+ExitOnOutOfMemoryError $JAVA_OPTS");
    Map<String, Object> kafka = map(map(yamlDocuments("compose.yaml").get(0), "services"), "kafka");
    assertThat(map(kafka, "environment").get("KAFKA_OPTS")).isEqualTo("-XX:+ExitOnOutOfMemoryError");
    Map<String, Object> pool = map(yamlDocuments("k8s/kafka.yaml").get(0), "spec");
    assertThat(map(map(pool, "jvmOptions"), "-XX")).containsEntry("ExitOnOutOfMemoryError", "true");
  }

  @Test
  void kubernetesDeploysEveryServiceWithProbesAndTheLaunchersSettings() throws IOException {
    List<Map<String, Object>> docs = yamlDocuments("k8s/services.yaml");
    for (String service : Services.ALL) {
      Map<String, Object> container = deploymentContainer(docs, service);
      assertThat(container.get("image")).isEqualTo("upsell/" + service + ":0.1.0");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> env = (List<Map<String, Object>>) container.get("env");
      assertThat(env.stream().map(e -> (String) e.get("name")).collect(Collectors.toSet())).as(service)
          .isEqualTo(environmentNames(service));
      assertThat(map(map(container, "readinessProbe"), "httpGet").get("path")).isEqualTo("/q/health/ready");
      assertThat(map(map(container, "livenessProbe"), "httpGet").get("path")).isEqualTo("/q/health/live");
      assertThat(map(container, "resources")).containsKey("requests");
    }
    Set<String> scaled = docs.stream().filter(d -> "HorizontalPodAutoscaler".equals(d.get("kind")))
        .map(d -> (String) map(d, "metadata").get("name")).collect(Collectors.toSet());
    assertThat(scaled).containsExactlyInAnyOrder("order-ingest", "notifier");
  }

  @Test
  void onlyTheEngineGetsTheCouponKeyAndEverySecretComesFromOutsideTheManifests() throws IOException {
    Map<String, Object> compose = map(yamlDocuments("compose.yaml").get(0), "services");
    List<Map<String, Object>> k8s = yamlDocuments("k8s/services.yaml");
    for (String service : Services.ALL) {
      Map<String, Object> composeEnv = map(map(compose, service), "environment");
      assertThat(composeEnv.containsKey("UPSELL_ENGINE_COUPON_SECRET")).as(service)
          .isEqualTo(service.equals("trigger-engine"));
      composeEnv.entrySet().stream().filter(e -> e.getKey().endsWith("_SECRET")).forEach(e ->
          assertThat(String.valueOf(e.getValue())).as(service + " " + e.getKey() + ": from the host's environment")
              .matches("\\$\\{" + e.getKey() + ":\\?.+}"));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> env = (List<Map<String, Object>>) deploymentContainer(k8s, service).get("env");
      env.stream().filter(e -> ((String) e.get("name")).endsWith("_SECRET")).forEach(e ->
          assertThat(map(map(e, "valueFrom"), "secretKeyRef")).as(service + " " + e.get("name") + ": from a Secret")
              .containsKeys("name", "key"));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deploymentContainer(List<Map<String, Object>> docs, String service) {
    Map<String, Object> deployment = docs.stream()
        .filter(d -> "Deployment".equals(d.get("kind")) && service.equals(map(d, "metadata").get("name")))
        .findFirst().orElseThrow(() -> new AssertionError("no Deployment " + service));
    List<Map<String, Object>> containers =
        (List<Map<String, Object>>) map(map(map(deployment, "spec"), "template"), "spec").get("containers");
    return containers.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    assertThat(value).as(key).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> yamlDocuments(String file) throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(Files.readString(DEPLOY.resolve(file)))) {
      if (doc != null) {
        docs.add((Map<String, Object>) doc);
      }
    }
    return docs;
  }
}
