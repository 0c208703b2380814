package io.upsell.notifier.shopcopy;

import io.upsell.notifier.kafka.Outbox;
import io.upsell.notifier.state.GlobalStore;
import io.upsell.notifier.state.StoreNames;
import io.upsell.notifier.template.Brand;
import io.upsell.schemas.notify.ShopBrand;
import io.upsell.schemas.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/** Every shop's email brand (notify.brands): sender name, reply-to, logo, colours, footer. */
@ApplicationScoped
public class ShopBrands {

  private final ShopSettingsTable<ShopBrand> table;

  public ShopBrands(Outbox outbox, Instance<KafkaStreams> streams) {
    table = new ShopSettingsTable<>(Topics.NOTIFY_BRANDS, outbox, new GlobalStore<>(streams, StoreNames.BRANDS));
  }

  public Optional<ShopBrand> find(String shopId) {
    return table.get(shopId);
  }

  /** The brand a message of the shop wears; {@link Brand#NONE} when the shop set none. */
  public Brand brand(String shopId) {
    return find(shopId).map(b -> new Brand(b.getSenderName(), b.getReplyTo(), b.getLogoUrl(), b.getPrimaryColour(),
        b.getBackgroundColour(), b.getFooter())).orElse(Brand.NONE);
  }

  /** Stores the brand (the caller checked it); in use here on return. */
  public void put(ShopBrand brand) {
    table.put(brand.getShopId(), brand);
  }
}
