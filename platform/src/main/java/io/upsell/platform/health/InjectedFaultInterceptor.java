package io.upsell.platform.health;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Test-only: brings {@link InjectedFault} into the stream thread of a Kafka Streams service, where no code of ours
 * runs a loop. Set only by fault tests (a system property on the command line), as the main consumer's interceptor;
 * it fires on the first poll that returns records, before any of them is processed. Kafka catches exceptions from
 * interceptors, so only the {@code oom} fault reaches the thread.
 */
public class InjectedFaultInterceptor implements ConsumerInterceptor<Object, Object> {

  @Override
  public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
    InjectedFault.check("stream-thread");
    return records;
  }

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
