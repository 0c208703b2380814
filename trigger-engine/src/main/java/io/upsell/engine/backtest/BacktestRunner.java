package io.upsell.engine.backtest;

import io.upsell.engine.config.EngineConfig;
import io.upsell.engine.topology.EngineTopology;
import io.upsell.engine.topology.Replay;
import io.upsell.engine.topology.Scope;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.schemas.serde.EventSerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import java.util.Properties;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.jboss.logging.Logger;

/**
 * Replays a shop's stored history through the engine's own topology on stream time, in time order (see
 * {@link OrderedReplay}), with decisions going to the report: nothing reaches the live topics, and nothing is left on
 * the broker (no consumer group, no internal topics).
 */
public final class BacktestRunner {

  private static final Logger LOG = Logger.getLogger(BacktestRunner.class);
  private static final int PROGRESS_EVERY = 1_000;

  private final EngineConfig config;
  private final EventSerdes serdes;
  private final ShopDirectory shops;
  private final String bootstrapServers;
  private final Map<String, String> memorySettings;
  private final Path stateParent;

  /**
   * {@code memorySettings}: Streams settings that bound the replay's memory (the live engine's); {@code stateParent}:
   * where each replay's temporary RocksDB directory goes (the engine's state directory: disk, not a tmpfs).
   */
  public BacktestRunner(EngineConfig config, EventSerdes serdes, ShopDirectory shops, String bootstrapServers,
      Map<String, String> memorySettings, Path stateParent) {
    this.config = config;
    this.serdes = serdes;
    this.shops = shops;
    this.bootstrapServers = bootstrapServers;
    this.memorySettings = Map.copyOf(memorySettings);
    this.stateParent = stateParent;
  }

  /**
   * Runs {@code job} to its end (or failure), updating its progress as it goes: one replay judged as {@code replay}
   * says, and when {@code against} is given a second replay of the same records judged by it (a comparison).
   */
  public void run(BacktestJob job, Scope scope, Replay replay, Replay against) {
    job.status(BacktestJob.Status.RUNNING);
    try {
      int passes = against == null ? 1 : 2;
      long read = replay(job, job.report(), scope, replay, 0, passes);
      if (against != null) {
        replay(job, job.against(), scope, against, read, passes);
      }
      job.status(BacktestJob.Status.DONE);
    } catch (Exception e) {
      LOG.warnf(e, "backtest %s failed", job.id());
      job.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** As {@link #run(BacktestJob, Scope, Replay, Replay)} without a comparison. */
  public void run(BacktestJob job, Scope scope, Replay replay) {
    run(job, scope, replay, null);
  }

  // One replay of the range into report; progress counts on from done (records read by the passes before).
  private long replay(BacktestJob job, BacktestReport report, Scope scope, Replay replay, long done, int passes)
      throws java.io.IOException {
    Topology topology = EngineTopology.build(config, serdes, shops, scope, replay,
        decisions -> decisions.process(() -> new ReportSink(report, job.from().toEpochMilli(),
            job.to().toEpochMilli())));
    Path stateDir = null;
    RangeHistory history = new RangeHistory(bootstrapServers, consumerSettings());
    try (MergedHistory events = history.events(topology, scope)) {
      job.total(events.total() * passes);
      Files.createDirectories(stateParent);
      stateDir = Files.createTempDirectory(stateParent, "backtest-" + job.id());
      try (OrderedReplay ordered = new OrderedReplay(topology, properties("trigger-engine-backtest-" + job.id(),
          stateDir), RangeHistory.rawInputs(topology).get(0))) {
        history.shopData(scope.shopId(), ordered::global);
        long fed = 0;
        long started = System.nanoTime();
        for (var event = events.next(); event != null; event = events.next()) {
          ordered.event(event);
          if (++fed % PROGRESS_EVERY == 0) {
            job.progress(done + events.read());
          }
        }
        report.pending(ordered.finish(scope.toMillis(), report.zone()));
        sourceEvents(report, history, topology, scope);
        long millis = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        LOG.infof("backtest %s: %d records read, %d of the shop replayed in %d ms (%d records/s read)", job.id(),
            events.read(), fed, millis, events.read() * 1000 / millis);
      }
      job.progress(done + events.read());
      return done + events.read();
    } finally {
      deleteQuietly(stateDir);
    }
  }

  /**
   * Reads what a replay of {@code scope} would read, merged in the same order, without the topology: what reading
   * alone costs, a ceiling for a replay's records/s. Returns the number of records read.
   */
  public long readOnly(Scope scope, Replay replay) {
    Topology topology = EngineTopology.build(config, serdes, shops, scope, replay, decisions -> { });
    try (MergedHistory events = new RangeHistory(bootstrapServers, consumerSettings()).events(topology, scope)) {
      while (events.next() != null) {
        // read past: only the count matters
      }
      return events.read();
    }
  }

  // The samples name the events that fired them: read the range once more (not replayed) to find those events.
  private void sourceEvents(BacktestReport report, RangeHistory history, Topology topology, Scope scope) {
    java.util.Set<String> wanted = report.sampleSourceEventIds();
    if (!wanted.isEmpty()) {
      try (MergedHistory again = history.events(topology, scope)) {
        report.sourceEvents(SourceEvents.find(again, serdes, wanted));
      }
    }
  }

  // The history is read under the live engine's fetch bound.
  private Map<String, Object> consumerSettings() {
    Map<String, Object> settings = new HashMap<>();
    Optional.ofNullable(memorySettings.get(ConsumerConfig.FETCH_MAX_BYTES_CONFIG))
        .ifPresent(bytes -> settings.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, bytes));
    return settings;
  }

  private static void deleteQuietly(Path dir) {
    try {
      if (dir != null) {
        Utils.delete(dir.toFile());
      }
    } catch (java.io.IOException e) {
      LOG.warnf("could not remove the backtest's local state %s: %s", dir, e.getMessage());
    }
  }

  private Properties properties(String applicationId, Path stateDir) {
    Properties props = new Properties();
    props.putAll(memorySettings);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    // The driver talks to no broker: the history was read beforehand.
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay.invalid:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        org.apache.kafka.streams.errors.LogAndContinueExceptionHandler.class);
    return props;
  }
}
