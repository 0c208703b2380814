package io.upsell.engine.backtest;

import io.upsell.engine.config.EngineConfig;
import io.upsell.engine.topology.Scope;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.upsell.ShopRules;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import io.upsell.platform.kafka.BoundedRocksDbMemory;
import org.apache.kafka.streams.StreamsConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Backtests run one at a time, in the background, each in its own Kafka Streams application; their jobs (and
 * reports) are kept for the life of this instance — a report is a reply, not state the engine needs.
 */
@ApplicationScoped
public class Backtests {

  private final BacktestRunner runner;
  private final Map<String, BacktestJob> jobs = new ConcurrentHashMap<>();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "backtest"));

  public Backtests(EngineConfig config, EventSerdes serdes,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "kafka-streams.rocksdb.config.setter") String rocksDbSetter,
      @ConfigProperty(name = "kafka-streams." + BoundedRocksDbMemory.TOTAL_BYTES_CONFIG) long rocksDbBytes) {
    // A replay runs in this JVM beside the live engine: its stores share the live ones' RocksDB bound.
    this.runner = new BacktestRunner(config, serdes, bootstrapServers, Map.of(
        StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, rocksDbSetter,
        BoundedRocksDbMemory.TOTAL_BYTES_CONFIG, Long.toString(rocksDbBytes)));
  }

  /** Queues a replay of {@code shopId}'s history in [from, to) and returns its job. */
  public BacktestJob start(String shopId, Instant from, Instant to, ZoneId zone, ShopRules rulesOverride) {
    String id = UUID.randomUUID().toString();
    BacktestJob job = new BacktestJob(id, shopId, from, to, new BacktestReport(zone));
    jobs.put(id, job);
    Scope scope = new Scope(shopId, from.toEpochMilli(), to.toEpochMilli());
    worker.submit(() -> runner.run(job, scope, rulesOverride));
    return job;
  }

  public Optional<BacktestJob> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }
}
