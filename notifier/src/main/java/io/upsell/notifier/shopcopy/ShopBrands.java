package io.upsell.notifier.shopcopy;

import io.quarkus.runtime.Startup;
import io.upsell.notifier.kafka.Outbox;
import io.upsell.notifier.template.Brand;
import io.upsell.schemas.notify.ShopBrand;
import io.upsell.schemas.serde.EventSerdes;
import io.upsell.schemas.topics.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Every shop's email brand (notify.brands): sender name, reply-to, logo, colours, footer. */
@Startup
@ApplicationScoped
public class ShopBrands {

  private final ShopSettingsTable<ShopBrand> table;

  public ShopBrands(@ConfigProperty(name = "kafka.bootstrap.servers") String servers, EventSerdes serdes,
      Outbox outbox) {
    table = new ShopSettingsTable<>(servers, serdes, Topics.NOTIFY_BRANDS, outbox, (key, value) -> { });
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

  @PreDestroy
  void close() {
    table.close();
  }
}
