package io.upsell.engine.backtest;

import io.upsell.engine.policy.Decision;
import io.upsell.schemas.upsell.UpsellTrigger;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/** In a backtest the decisions end here, in the report, instead of on upsell.triggers / upsell.suppressed. */
final class ReportSink implements Processor<String, Decision, Void, Void> {

  private final BacktestReport report;
  private final long fromMillis;
  private final long toMillis;

  /** Counts the decisions due in [fromMillis, toMillis); those of the warm-up before it only built state. */
  ReportSink(BacktestReport report, long fromMillis, long toMillis) {
    this.report = report;
    this.fromMillis = fromMillis;
    this.toMillis = toMillis;
  }

  @Override
  public void process(Record<String, Decision> record) {
    Decision decision = record.value();
    UpsellTrigger trigger = decision.isFired() ? decision.fired() : decision.suppressed().getTrigger();
    long due = trigger.getDueAt() == null ? record.timestamp() : trigger.getDueAt().toEpochMilli();
    if (due >= fromMillis && due < toMillis) {
      report.add(decision, record.timestamp());
    }
  }
}
