package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.topology.EngineContext;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.TriggerType;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Storage use at or above the first threshold (80%), then the second (95%), fires once per crossing; dropping
 * below a threshold re-arms it.
 */
public final class StorageNearFullTrigger extends ImmediatePromptTrigger<UsageReported> {


  @Override
  public TriggerType type() {
    return TriggerType.STORAGE_NEAR_FULL;
  }

  @Override
  KStream<String, UsageReported> source(EngineContext engine) {
    return engine.sources().stream(Topics.APP_USAGE);
  }

  @Override
  Detector<UsageReported> detector(EngineContext engine) {
    return new Detect(engine);
  }

  private final class Detect extends Detector<UsageReported> {

    Detect(EngineContext engine) {
      super(engine);
    }

    @Override
    public void process(Record<String, UsageReported> record) {
      UsageReported usage = record.value();
      if (!"storage".equalsIgnoreCase(usage.getResource()) || usage.getQuotaUnits() <= 0) {
        return;
      }
      KeyValueStore<String, Watch> watches = store(storeName());
      Watch watch = Optional.ofNullable(watches.get(record.key())).orElseGet(Watch::new);
      if (watch.isStale(record.timestamp())) {
        return;
      }
      ShopSettings settings = settings(record.key());
      long percent = usage.getUsedUnits() * 100 / usage.getQuotaUnits();
      int level = percent >= settings.number(type(), "secondThresholdPercent", 95) ? 2
          : percent >= settings.number(type(), "thresholdPercent", 80) ? 1 : 0;
      int armed = watch.level;
      watch.seen(usage.getEventId(), record.timestamp()).level = level;
      watches.put(record.key(), watch);
      if (level > armed) {
        emit(Candidates.candidate(type(), level, record.key(), "storage at " + percent + "% of quota",
            Candidates.plan(usage.getPlan(), null), List.of(usage.getEventId()), record.timestamp(), record.timestamp(),
            settings));
      }
    }
  }
}
