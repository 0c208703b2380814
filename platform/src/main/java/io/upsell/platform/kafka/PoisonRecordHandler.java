package io.upsell.platform.kafka;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.jboss.logging.Logger;

/**
 * A Streams application meeting a record it cannot deserialize keeps it in the dead-letter topic and goes on; if
 * even that fails (broker gone), it fails the task so the record is read again after restart rather than lost.
 * Set for every Streams service in the platform defaults ({@code kafka-streams.deserialization.exception.handler}).
 */
public final class PoisonRecordHandler implements DeserializationExceptionHandler {

  private static final Logger LOG = Logger.getLogger(PoisonRecordHandler.class);

  private DeadLetters deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    String servers = String.valueOf(configs.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG))
        .replaceAll("[\\[\\] ]", "");
    deadLetters = new DeadLetters(servers, String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG)));
  }

  @Override
  public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
      Exception exception) {
    boolean kept = deadLetters.keep(record.topic(), record.partition(), record.offset(), record.timestamp(),
        record.key(), record.value(), exception);
    // Log where it was, never what it contained: payloads may carry personal data.
    LOG.warnf("unreadable record %s-%d@%d %s: %s", record.topic(), record.partition(), record.offset(),
        kept ? "moved to the dead-letter topic" : "could NOT be dead-lettered; failing the task", exception.getMessage());
    return kept ? DeserializationHandlerResponse.CONTINUE : DeserializationHandlerResponse.FAIL;
  }
}
