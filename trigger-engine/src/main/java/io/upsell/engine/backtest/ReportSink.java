package io.upsell.engine.backtest;

import io.upsell.engine.policy.Decision;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;

/** In a backtest the decisions end here, in the report, instead of on upsell.triggers / upsell.suppressed. */
final class ReportSink implements Processor<String, Decision, Void, Void> {

  private final BacktestReport report;

  ReportSink(BacktestReport report) {
    this.report = report;
  }

  @Override
  public void process(Record<String, Decision> record) {
    report.add(record.value(), record.timestamp());
  }
}
