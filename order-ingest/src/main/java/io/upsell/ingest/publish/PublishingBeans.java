package io.upsell.ingest.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.upsell.ingest.IngestConfig;
import io.upsell.schemas.serde.EventSerdes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The idempotency log and the publisher of this instance, built from config and closed with the app. */
public class PublishingBeans {

  @Produces
  @Singleton
  SeenIds seenIds(@ConfigProperty(name = "kafka.bootstrap.servers") String servers, IngestConfig config) {
    return new SeenIds(servers, config.dedupeWindow()).start();
  }

  @Produces
  @Singleton
  Publisher publisher(@ConfigProperty(name = "kafka.bootstrap.servers") String servers, IngestConfig config,
      SeenIds seen, EventSerdes serdes, MeterRegistry registry) {
    IngestConfig.Kafka kafka = config.kafka();
    String transactionalId = kafka.transactionalId().orElse("order-ingest-" + UUID.randomUUID());
    return new Publisher(PublisherSettings.of(servers, transactionalId, kafka), seen, serdes, registry);
  }

  void close(@Disposes Publisher publisher) {
    publisher.close();
  }

  void close(@Disposes SeenIds seen) {
    seen.close();
  }
}
