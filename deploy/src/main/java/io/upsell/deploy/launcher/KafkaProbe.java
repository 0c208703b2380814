package io.upsell.deploy.launcher;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Whether a Kafka cluster answers a metadata request within a few seconds. */
final class KafkaProbe {

  private KafkaProbe() {}

  static boolean reachable(String bootstrap) {
    Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000);
    try (Admin admin = Admin.create(config)) {
      admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
