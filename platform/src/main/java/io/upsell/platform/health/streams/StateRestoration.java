package io.upsell.platform.health.streams;

import io.smallrye.health.api.HealthRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while state stores are restored from their changelogs: a query or a decision then would see
 * half-loaded state. The check's data says how far the restoration got, so a long one is visibly moving.
 */
@ApplicationScoped
public class StateRestoration implements HealthCheck, StateRestoreListener {

  /** Records restored and to restore, per changelog partition being restored now. */
  private record Progress(String store, long total, long restored) {}

  private final Map<TopicPartition, Progress> restoring = new ConcurrentHashMap<>();

  // Registered rather than annotated @Readiness: that qualifier would hide the listener from Quarkus's lookup.
  @Inject
  public StateRestoration(@Readiness HealthRegistry readiness) {
    readiness.register("state restoration", this);
  }

  StateRestoration() {}

  @Override
  public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
    restoring.put(partition, new Progress(store, Math.max(0, endingOffset - startingOffset), 0));
  }

  @Override
  public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
    restoring.computeIfPresent(partition, (p, progress) ->
        new Progress(store, progress.total(), progress.restored() + numRestored));
  }

  @Override
  public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
    restoring.remove(partition);
  }

  @Override
  public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
    restoring.remove(partition);
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("state restoration");
    if (restoring.isEmpty()) {
      return response.up().build();
    }
    long total = restoring.values().stream().mapToLong(Progress::total).sum();
    long restored = restoring.values().stream().mapToLong(Progress::restored).sum();
    return response.down().withData("partitions restoring", restoring.size()).withData("records restored", restored)
        .withData("records to restore", total).build();
  }
}
