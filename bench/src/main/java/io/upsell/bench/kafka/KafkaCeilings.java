package io.upsell.bench.kafka;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The raw Kafka ceilings our figures are compared with, on a given broker: a plain producer (acks=all,
 * idempotent, ~200-byte values), a pass-through Streams app and a {@code groupByKey().count()} app, both
 * exactly-once on one thread, each after an unmeasured warm-up run. Usage: {@code KafkaCeilings [bootstrap|-] [records]}; without a bootstrap (or
 * {@code -}) it starts the test kit's in-process broker. Prints Markdown rows.
 */
public final class KafkaCeilings {

  private static final int VALUE_BYTES = 200;

  private KafkaCeilings() {}

  public static void main(String[] args) {
    io.upsell.testkit.BenchMain.run(() -> ceilings(args));
  }

  private static void ceilings(String[] args) throws Exception {
    String bootstrap = args.length > 0 && !args[0].equals("-") ? args[0]
        : io.upsell.testkit.TestKafka.broker().bootstrapServers();
    int records = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
    // Not measured: a fifth of the records through each ceiling first, so that none is timed in a cold JVM.
    String warmUp = "bench-ceiling-warm-up-" + UUID.randomUUID();
    createTopics(bootstrap, warmUp, warmUp + "-out", warmUp + "-count");
    producer(bootstrap, warmUp, records / 5);
    streams(bootstrap, warmUp, warmUp + "-out", records / 5, false);
    streams(bootstrap, warmUp, warmUp + "-count", records / 5, true);
    String input = "bench-ceiling-" + UUID.randomUUID();
    createTopics(bootstrap, input, input + "-out", input + "-count");
    double producer = producer(bootstrap, input, records);
    double passThrough = streams(bootstrap, input, input + "-out", records, false);
    double stateful = streams(bootstrap, input, input + "-count", records, true);
    System.out.printf("| raw producer (acks=all, %d B) | %.0f records/s |%n", VALUE_BYTES, producer);
    System.out.printf("| pass-through Streams, exactly-once | %.0f records/s |%n", passThrough);
    System.out.printf("| groupByKey().count() Streams, exactly-once | %.0f records/s |%n", stateful);
  }

  /** Records per second a plain producer sends with the broker's ack. */
  static double producer(String bootstrap, String topic, int records) throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
    byte[] value = new byte[VALUE_BYTES];
    java.util.Arrays.fill(value, (byte) 'x');
    long start = System.nanoTime();
    try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(topic, "shop:c" + (i % 10_000), value));
      }
      producer.flush();
    }
    return records / ((System.nanoTime() - start) / 1e9);
  }

  /** Records per second an exactly-once Streams app processes from {@code input} (already filled). */
  static double streams(String bootstrap, String input, String output, int records, boolean count) throws Exception {
    AtomicLong seen = new AtomicLong();
    CountDownLatch done = new CountDownLatch(1);
    StreamsBuilder builder = new StreamsBuilder();
    var stream = builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .peek((k, v) -> {
          if (seen.incrementAndGet() == records) {
            done.countDown();
          }
        });
    if (count) {
      stream.groupByKey().count().toStream().to(output, Produced.with(Serdes.String(), Serdes.Long()));
    } else {
      stream.to(output, Produced.with(Serdes.String(), Serdes.ByteArray()));
    }
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-" + UUID.randomUUID());
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-state").toString());
    props.put("auto.offset.reset", "earliest");
    try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
      long start = System.nanoTime();
      streams.start();
      if (!done.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("Streams ceiling did not finish: " + seen.get() + " of " + records);
      }
      return records / ((System.nanoTime() - start) / 1e9);
    }
  }

  static void createTopics(String bootstrap, String... names) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(java.util.Arrays.stream(names).map(n -> new NewTopic(n, 6, (short) 1)).toList())
          .all().get(30, TimeUnit.SECONDS);
    }
  }

}
