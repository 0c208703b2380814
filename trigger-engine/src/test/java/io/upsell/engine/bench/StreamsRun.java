package io.upsell.engine.bench;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/** Runs one exactly-once Streams app over the bench input until its group has consumed all of it, and times it. */
final class StreamsRun {

  private StreamsRun() {}

  static Properties props(String bootstrap, String applicationId) throws java.io.IOException {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-" + applicationId).toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    return props;
  }

  /** Seconds from start until every input record is committed and internal topics have no lag. */
  static double time(Admin admin, Topology topology, Properties props, Set<String> inputs) throws Exception {
    String group = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    Map<TopicPartition, Long> end = latest(admin, admin.describeTopics(inputs).allTopicNames().get().values().stream()
        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
        .collect(Collectors.toSet()));
    try (KafkaStreams streams = new KafkaStreams(topology, props)) {
      long started = System.nanoTime();
      streams.start();
      while (true) {
        Thread.sleep(100);
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        boolean inputDone = end.entrySet().stream().allMatch(e -> e.getValue() == 0
            || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
        Set<TopicPartition> internal = committed.keySet().stream().filter(tp -> tp.topic().startsWith(group + "-"))
            .collect(Collectors.toSet());
        Map<TopicPartition, Long> internalEnd = latest(admin, internal);
        boolean internalDone = internal.stream().allMatch(tp -> committed.get(tp).offset() >= internalEnd.get(tp));
        if (inputDone && internalDone) {
          return (System.nanoTime() - started) / 1e9;
        }
        if (streams.state() == KafkaStreams.State.ERROR) {
          throw new IllegalStateException(group + " failed");
        }
      }
    }
  }

  static Map<TopicPartition, Long> latest(Admin admin, Set<TopicPartition> partitions) throws Exception {
    Map<TopicPartition, Long> out = new HashMap<>();
    if (partitions.isEmpty()) {
      return out;
    }
    admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get()
        .forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  static List<String> names(List<io.upsell.schemas.topics.Topic<?>> topics) {
    return topics.stream().map(io.upsell.schemas.topics.Topic::name).toList();
  }
}
