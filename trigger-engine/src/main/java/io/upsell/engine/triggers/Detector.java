package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.engine.topology.EngineContext;
import io.upsell.engine.topology.StoreReader;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.upsell.UpsellTrigger;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** A trigger's detection step: reads one input record, updates its state, emits zero or more candidates. */
public abstract class Detector<V> implements Processor<String, V, String, UpsellTrigger>, StoreReader {

  private final EngineContext engine;
  private ProcessorContext<String, UpsellTrigger> context;
  private Products products;

  protected Detector(EngineContext engine) {
    this.engine = engine;
  }

  @Override
  public void init(ProcessorContext<String, UpsellTrigger> context) {
    this.context = context;
  }

  @Override
  public <S extends StateStore> S store(String name) {
    return context.getStateStore(name);
  }

  /** The settings in force for the shop of {@code key}. */
  protected ShopSettings settings(String key) {
    return engine.settings(this, Keys.shopOf(key));
  }

  /** This detector's view of the catalog. */
  protected Products products() {
    if (products == null) {
      products = new Products(this, context::currentSystemTimeMs, engine.config().catalogRefresh().toMillis());
    }
    return products;
  }

  protected EngineContext engine() {
    return engine;
  }

  protected void emit(Record<String, UpsellTrigger> candidate) {
    context.forward(candidate);
  }
}
