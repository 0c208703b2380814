package io.upsell.ingest.api;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * HTTP server request times are published as histograms, not only count/sum/max, so the server's share of a
 * request's latency can be read for any interval (the benchmark compares it with what its client measured).
 */
public class RequestHistograms {

  @Produces
  @Singleton
  MeterFilter httpServerHistograms() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().equals("http.server.requests")) {
          return config;
        }
        return DistributionStatisticConfig.builder().percentilesHistogram(true)
            .minimumExpectedValue((double) Duration.ofNanos(100_000).toNanos())
            .maximumExpectedValue((double) Duration.ofSeconds(10).toNanos()).build().merge(config);
      }
    };
  }
}
