package io.upsell.analytics.stream;

import io.upsell.analytics.kpi.Granularity;
import io.upsell.analytics.kpi.StoreKeys;
import io.upsell.schemas.shop.MarketingSpend;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** A shop's spend on one channel and day is the latest figure it posted for them (a repost corrects, not adds). */
final class SpendProcessor implements Processor<String, MarketingSpend, Void, Void> {

  private KeyValueStore<String, long[]> spend;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    spend = context.getStateStore(StoreKeys.SPEND);
  }

  @Override
  public void process(Record<String, MarketingSpend> record) {
    MarketingSpend value = record.value();
    if (value == null) {
      return;
    }
    long day = Granularity.id(value.getDay().atStartOfDay());
    spend.put(StoreKeys.daily(value.getShopId(), day, value.getChannel().name()), new long[] {value.getAmountMinor()});
  }
}
