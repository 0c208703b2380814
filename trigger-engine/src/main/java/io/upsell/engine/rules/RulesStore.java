package io.upsell.engine.rules;

import io.upsell.engine.topology.EngineContext;
import io.upsell.platform.http.ApiException;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ShopRules;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rules are written to the compacted {@code upsell.rules} topic and read back from the engine's global table, so
 * every instance applies a change within seconds and none needs a restart.
 */
@ApplicationScoped
public class RulesStore {

  private final KafkaStreams streams;
  private final KafkaProducer<String, ShopRules> producer;

  public RulesStore(KafkaStreams streams, EventSerdes serdes,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.streams = streams;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
        serdes.keySerde().serializer(), serdes.valueSerde(Topics.UPSELL_RULES).serializer());
  }

  /** The shop's stored rules, if it has any; 503 while the engine's stores are (re)starting. */
  public Optional<ShopRules> find(String shopId) {
    try {
      ValueAndTimestamp<ShopRules> found = streams.store(StoreQueryParameters.fromNameAndType(EngineContext.RULES,
          QueryableStoreTypes.<String, ShopRules>timestampedKeyValueStore())).get(shopId);
      return Optional.ofNullable(found == null ? null : found.value());
    } catch (InvalidStateStoreException e) {
      throw ApiException.unavailable("the engine is starting; rules are not readable yet", 2);
    }
  }

  /** Stores the rules (acknowledged by all in-sync replicas before this returns). */
  public void save(ShopRules rules) {
    try {
      producer.send(new ProducerRecord<>(Topics.UPSELL_RULES.name(), rules.getShopId(), rules)).get(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApiException.unavailable("interrupted while storing the rules", 2);
    } catch (ExecutionException | TimeoutException e) {
      throw ApiException.unavailable("Kafka did not accept the rules in time", 5);
    }
  }

  @PreDestroy
  void close() {
    producer.close();
  }
}
