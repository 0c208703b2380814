package io.upsell.platform.shops;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;

/** Where the shops and their credentials come from. */
@ConfigMapping(prefix = "upsell.shops")
public interface ShopsConfig {

  /** Properties file listing every shop (see {@link ShopDirectory}); env {@code UPSELL_SHOPS_FILE}. */
  Path file();
}
