package io.upsell.engine.topology;

import java.io.File;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** A replay store's context: as its task's, but a store's work on commit is not registered (see {@link ReplayStore}). */
final class WithoutPositionCheckpoint implements StateStoreContext {

  private final StateStoreContext task;

  WithoutPositionCheckpoint(StateStoreContext task) {
    this.task = task;
  }

  @Override
  public void register(StateStore store, StateRestoreCallback restore, CommitCallback onCommit) {
    task.register(store, restore, () -> { });
  }

  @Override
  public void register(StateStore store, StateRestoreCallback restore) {
    task.register(store, restore);
  }

  @Override
  public String applicationId() {
    return task.applicationId();
  }

  @Override
  public TaskId taskId() {
    return task.taskId();
  }

  @Override
  public Optional<RecordMetadata> recordMetadata() {
    return task.recordMetadata();
  }

  @Override
  public Serde<?> keySerde() {
    return task.keySerde();
  }

  @Override
  public Serde<?> valueSerde() {
    return task.valueSerde();
  }

  @Override
  public File stateDir() {
    return task.stateDir();
  }

  @Override
  public StreamsMetrics metrics() {
    return task.metrics();
  }

  @Override
  public Map<String, Object> appConfigs() {
    return task.appConfigs();
  }

  @Override
  public Map<String, Object> appConfigsWithPrefix(String prefix) {
    return task.appConfigsWithPrefix(prefix);
  }
}
