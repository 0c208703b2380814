package io.upsell.analytics.report;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.upsell.schemas.analytics.KpiReport;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Digests published without a recipient (the shop's rules set no {@code report.recipient}): the notifier mails
 * only addressed digests, so each is logged (shop, period, start; never an address) and counted in
 * {@value #METER}, tagged by period, instead of being lost without a trace.
 */
public final class UnaddressedDigests implements Consumer<KpiReport> {

  static final String METER = "analytics.digests.without.recipient";
  private static final Logger LOG = Logger.getLogger(UnaddressedDigests.class);

  private final MeterRegistry registry;

  public UnaddressedDigests(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void accept(KpiReport report) {
    Counter counter = Counter.builder(METER).description("KPI digests published without a recipient (not mailed)")
        .tag("period", report.getPeriod().name()).register(registry);
    counter.increment();
    LOG.warnf("%s digest of shop %s from %s has no recipient and will not be mailed: set %s in the shop's rules"
        + " (%.0f %s digests without a recipient so far)", report.getPeriod(), report.getShopId(),
        report.getPeriodStart(), KpiDigest.RECIPIENT_SETTING, counter.count(), report.getPeriod());
  }
}
