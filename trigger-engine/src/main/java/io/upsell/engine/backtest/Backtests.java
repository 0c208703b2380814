package io.upsell.engine.backtest;

import io.upsell.engine.config.EngineConfig;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.engine.topology.Replay;
import io.upsell.engine.topology.Scope;
import io.upsell.schemas.serde.EventSerdes;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import io.upsell.platform.kafka.BoundedRocksDbMemory;
import java.util.HashMap;
import java.nio.file.Path;
import org.apache.kafka.common.utils.Utils;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Backtests run one at a time, in the background, each on its own replay of the shop's history; their jobs (and
 * reports) are kept for the life of this instance — a report is a reply, not state the engine needs.
 */
@ApplicationScoped
public class Backtests {

  private final BacktestRunner runner;
  private final Map<String, BacktestJob> jobs = new ConcurrentHashMap<>();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "backtest"));

  /** The engine's Streams settings that bound memory; a replay in this JVM runs under the same ones. */
  public static final List<String> MEMORY_SETTINGS = List.of(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
      StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.TOTAL_BYTES_CONFIG,
      ConsumerConfig.FETCH_MAX_BYTES_CONFIG);

  public Backtests(EngineConfig config, EventSerdes serdes, ShopDirectory shops,
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, Config settings) {
    // A replay runs in this JVM beside the live engine: the same cache, fetch and RocksDB bounds (the RocksDB one is
    // shared with the live stores).
    Map<String, String> memory = new HashMap<>();
    for (String key : MEMORY_SETTINGS) {
      settings.getOptionalValue("kafka-streams." + key, String.class).ifPresent(value -> memory.put(key, value));
    }
    Path stateParent = Path.of(settings.getOptionalValue("kafka-streams." + StreamsConfig.STATE_DIR_CONFIG, String.class)
        .orElse(System.getProperty("java.io.tmpdir")), "backtests");
    // A replay's directory is removed when it ends; one left by a killed instance goes here.
    try {
      Utils.delete(stateParent.toFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot clear " + stateParent, e);
    }
    this.runner = new BacktestRunner(config, serdes, shops, bootstrapServers, memory, stateParent);
  }

  /**
   * Queues a replay of {@code shopId}'s history in [from, to), after {@code warmUpDays} of it before {@code from}
   * that build state uncounted, judged as {@code replay} says (and again as
   * {@code against} says, when not null), its sends priced by {@code lift}, and returns its job.
   */
  public BacktestJob start(String shopId, Instant from, Instant to, int warmUpDays, ZoneId zone, Replay replay,
      Replay against, MeasuredLift lift) {
    String id = UUID.randomUUID().toString();
    BacktestJob job = new BacktestJob(id, shopId, from, to, replay.consentWithoutProfile(), new BacktestReport(zone),
        against == null ? null : new BacktestReport(zone));
    job.warmUp(warmUpDays);
    job.lift(lift);
    jobs.put(id, job);
    Scope scope = new Scope(shopId, from.minus(Duration.ofDays(warmUpDays)).toEpochMilli(), to.toEpochMilli());
    worker.submit(() -> runner.run(job, scope, replay, against));
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
