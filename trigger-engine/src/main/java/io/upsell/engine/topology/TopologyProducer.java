package io.upsell.engine.topology;

import io.upsell.engine.config.EngineConfig;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.schemas.serde.EventSerdes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.streams.Topology;

/** Hands the engine's plain topology to the Kafka Streams extension; all wiring lives in {@link EngineTopology}. */
@ApplicationScoped
public class TopologyProducer {

  // Dependent scope on purpose: a normal-scoped Topology would be a client proxy, empty to Kafka Streams.
  @Produces
  Topology topology(EngineConfig config, EventSerdes serdes, ShopDirectory shops) {
    return EngineTopology.live(config, serdes, shops);
  }
}
