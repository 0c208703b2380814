package io.upsell.engine.backtest;

import io.upsell.engine.config.EngineConfig;
import io.upsell.engine.policy.Decider;
import io.upsell.schemas.upsell.UpsellTrigger;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import io.upsell.platform.shops.ShopDirectory;
import io.upsell.engine.topology.EngineTopology;
import io.upsell.engine.topology.Replay;
import io.upsell.engine.topology.Scope;
import io.upsell.schemas.serde.EventSerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.jboss.logging.Logger;

/**
 * Replays stored history through the engine's own topology on stream time, under an application id of its own
 * (own consumer group, own internal topics, deleted afterwards), with decisions going to the report: nothing
 * reaches the live topics.
 */
public final class BacktestRunner {

  private static final Logger LOG = Logger.getLogger(BacktestRunner.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final EngineConfig config;
  private final EventSerdes serdes;
  private final ShopDirectory shops;
  private final String bootstrapServers;
  private final Map<String, String> memorySettings;

  /** {@code memorySettings}: Streams settings that bound the replay's memory (the live engine's). */
  public BacktestRunner(EngineConfig config, EventSerdes serdes, ShopDirectory shops, String bootstrapServers,
      Map<String, String> memorySettings) {
    this.config = config;
    this.serdes = serdes;
    this.shops = shops;
    this.bootstrapServers = bootstrapServers;
    this.memorySettings = Map.copyOf(memorySettings);
  }

  /** Runs {@code job} to its end (or failure), updating its progress as it goes. */
  public void run(BacktestJob job, Scope scope, Replay replay) {
    String applicationId = "trigger-engine-backtest-" + job.id();
    Topology topology = EngineTopology.build(config, serdes, shops, scope, replay,
        decisions -> decisions.process(() -> new ReportSink(job.report())));
    job.status(BacktestJob.Status.RUNNING);
    try (ReplayProgress progress = new ReplayProgress(bootstrapServers, applicationId, topology)) {
      replay(job, topology, progress, applicationId);
      // Done means cleaned up too: before, a job reported DONE and turned FAILED a moment later, when the group of
      // the closed app could not be deleted.
      job.status(BacktestJob.Status.DONE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      job.failed("interrupted");
    } catch (Exception e) {
      LOG.warnf(e, "backtest %s failed", job.id());
      job.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  // The error that stopped the replay is the one reported; teardown failures ride along on it as suppressed.
  private void replay(BacktestJob job, Topology topology, ReplayProgress progress, String applicationId)
      throws Exception {
    KafkaStreams streams = new KafkaStreams(topology,
        properties(applicationId, Files.createTempDirectory("backtest-" + job.id())));
    Teardown teardown = new Teardown();
    try {
      streams.start();
      progress.awaitEnd(streams, job);
      var timers = streams.store(StoreQueryParameters.fromNameAndType(Decider.TIMERS,
          QueryableStoreTypes.<String, UpsellTrigger>keyValueStore()));
      try (var all = timers.all()) {
        job.report().pending(PendingTimers.of(all, job.report().zone()));
      }
    } catch (Throwable e) {
      tearDown(streams, progress, teardown);
      teardown.attachTo(e);
      throw e;
    }
    tearDown(streams, progress, teardown);
    teardown.throwIfFailed();
  }

  private static void tearDown(KafkaStreams streams, ReplayProgress progress, Teardown teardown) {
    teardown.step("stopping the replay", () -> {
      if (!streams.close(CLOSE_TIMEOUT)) {
        throw new TimeoutException("the replay's threads did not stop within " + CLOSE_TIMEOUT);
      }
    });
    teardown.step("removing the replay's local state", streams::cleanUp);
    progress.deleteInternals(teardown);
  }

  private Properties properties(String applicationId, Path stateDir) {
    Properties props = new Properties();
    props.putAll(memorySettings);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // The report is built in this JVM and the run is thrown away on failure: at-least-once is enough here.
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        org.apache.kafka.streams.errors.LogAndContinueExceptionHandler.class);
    return props;
  }
}
