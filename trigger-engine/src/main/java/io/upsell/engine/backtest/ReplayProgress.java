package io.upsell.engine.backtest;

import io.upsell.schemas.topics.Topics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * How far a replay got: the raw input as it stood when the backtest began is the whole of the work; the replay is
 * over when the backtest's consumer group has committed all of it and its internal topics have no lag left.
 */
final class ReplayProgress implements AutoCloseable {

  private static final long POLL_MILLIS = 250;
  private static final int QUIET_POLLS = 3;
  private static final Set<Class<? extends Exception>> GROUP_GONE =
      Set.of(GroupIdNotFoundException.class, UnknownMemberIdException.class);

  private final Admin admin;
  private final String applicationId;
  private final Map<TopicPartition, Long> begin = new HashMap<>();
  private final Map<TopicPartition, Long> end = new HashMap<>();

  ReplayProgress(String bootstrapServers, String applicationId, Topology topology)
      throws ExecutionException, InterruptedException {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    this.applicationId = applicationId;
    Set<TopicPartition> inputs = new HashSet<>();
    for (String topic : rawInputs(topology)) {
      admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
          .forEach(p -> inputs.add(new TopicPartition(topic, p.partition())));
    }
    begin.putAll(offsets(inputs, OffsetSpec.earliest()));
    end.putAll(offsets(inputs, OffsetSpec.latest()));
  }

  /** Blocks until the replay has consumed everything that was there at the start; updates the job meanwhile. */
  void awaitEnd(KafkaStreams streams, BacktestJob job) throws ExecutionException, InterruptedException {
    long total = end.entrySet().stream().mapToLong(e -> e.getValue() - begin.get(e.getKey())).sum();
    int quiet = 0;
    while (quiet < QUIET_POLLS) {
      Thread.sleep(POLL_MILLIS);
      if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
        throw new IllegalStateException("the replay stopped: " + streams.state());
      }
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
      long replayed = 0;
      boolean inputDone = true;
      for (var e : end.entrySet()) {
        OffsetAndMetadata at = committed.get(e.getKey());
        long position = at == null ? begin.get(e.getKey()) : at.offset();
        replayed += Math.min(position, e.getValue()) - begin.get(e.getKey());
        inputDone &= position >= e.getValue();
      }
      job.progress(replayed, total);
      quiet = inputDone && internalLag(committed) == 0 ? quiet + 1 : 0;
    }
  }

  /**
   * Removes the backtest's internal topics and consumer group, each step on its own: the group goes even when a
   * topic could not be deleted, and what is already gone counts as removed.
   */
  void deleteInternals(Teardown teardown) {
    teardown.step("deleting the internal topics of " + applicationId, () -> {
      Set<String> internal = admin.listTopics().names().get().stream()
          .filter(name -> name.startsWith(applicationId + "-")).collect(Collectors.toSet());
      admin.deleteTopics(internal).all().get();
    }, Set.of(UnknownTopicOrPartitionException.class));
    // A closed Streams app stays a member of its group until its session times out (its consumers do not leave on
    // close, KAFKA-16514), and a group with members cannot be deleted: remove them all first. Should that fail but
    // the group be deleted all the same (it had no members left), the failure does not matter.
    int beforeRemoval = teardown.mark();
    teardown.step("removing the members of group " + applicationId, () -> admin.removeMembersFromConsumerGroup(
        applicationId, new RemoveMembersFromConsumerGroupOptions()).all().get(), GROUP_GONE);
    if (teardown.step("deleting group " + applicationId,
        () -> admin.deleteConsumerGroups(List.of(applicationId)).all().get(), GROUP_GONE)) {
      teardown.forgetSince(beforeRemoval);
    }
  }

  @Override
  public void close() {
    admin.close();
  }

  private long internalLag(Map<TopicPartition, OffsetAndMetadata> committed)
      throws ExecutionException, InterruptedException {
    Set<TopicPartition> internal = committed.keySet().stream()
        .filter(tp -> tp.topic().startsWith(applicationId + "-")).collect(Collectors.toSet());
    Map<TopicPartition, Long> latest = offsets(internal, OffsetSpec.latest());
    return internal.stream().mapToLong(tp -> latest.get(tp) - committed.get(tp).offset()).sum();
  }

  private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec)
      throws ExecutionException, InterruptedException {
    if (partitions.isEmpty()) {
      return Map.of();
    }
    Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(p -> p, p -> spec));
    Map<TopicPartition, Long> result = new HashMap<>();
    admin.listOffsets(request).all().get().forEach((tp, info) -> result.put(tp, info.offset()));
    return result;
  }

  // Contract topics the replay subscribes to (global tables are read whole by every instance and are not counted).
  private static Set<String> rawInputs(Topology topology) {
    Set<String> topics = new HashSet<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          source.topicSet().stream().filter(t -> Topics.byName(t).isPresent()).forEach(topics::add);
        }
      }
    }
    return topics;
  }
}
