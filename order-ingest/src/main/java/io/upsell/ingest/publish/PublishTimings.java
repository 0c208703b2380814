package io.upsell.ingest.publish;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Where a submission's time goes between {@code submit} and its answer, as Micrometer histograms (so percentiles
 * can be taken over any interval by differencing two scrapes, as the benchmark does): waiting for a lane, handing
 * the records to the producer, the commit (flush to acks=all plus EndTxn), and answering the group afterwards.
 */
final class PublishTimings {

  /** From submit until a lane took the submission into a group. */
  final Timer queued;
  /** From beginTransaction until every record of the group was handed to the producer. */
  final Timer write;
  /** commitTransaction: waiting for the records' acks, then the coordinator's EndTxn answer. */
  final Timer commit;
  /** From the commit's acknowledgement until every request of the group was answered. */
  final Timer answer;
  /** From submit until the submission was answered (all of the above, plus waiting behind another lane's claim). */
  final Timer total;
  /** Requests gathered into one transaction. */
  final DistributionSummary requests;
  /** Where each lane's producer publishes its own metrics (retries, request latency, transaction times). */
  final MeterRegistry registry;

  PublishTimings(MeterRegistry registry) {
    this.registry = registry;
    queued = timer(registry, "upsell.ingest.publish.queued", "submit until a lane takes it");
    write = timer(registry, "upsell.ingest.publish.write", "beginTransaction until the records are sent");
    commit = timer(registry, "upsell.ingest.publish.commit", "commitTransaction: acks and EndTxn");
    answer = timer(registry, "upsell.ingest.publish.answer", "commit ack until the group is answered");
    total = timer(registry, "upsell.ingest.publish.total", "submit until answered");
    requests = DistributionSummary.builder("upsell.ingest.transaction.requests")
        .description("requests per transaction").publishPercentileHistogram().minimumExpectedValue(1.0)
        .maximumExpectedValue(20_000.0).register(registry);
  }

  private static Timer timer(MeterRegistry registry, String name, String description) {
    return Timer.builder(name).description(description).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
  }
}
