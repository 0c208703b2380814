package io.upsell.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCatalogTest {

  private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

  @Test
  void quotedDescriptionsWithCommasKeepTheirColumnsAndLoseTheirQuotes(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("retail.csv");
    Files.writeString(csv, HEADER
        + "536365,22,\"LETTER \"\"D\"\" BLING, KEY RING\",6,2010-12-01 08:26:00,1.25,17850.0,United Kingdom\n"
        + "536366,23,PLAIN MUG,6,2010-12-01 08:28:00,0.85,17850.0,United Kingdom\n"
        + "536367,23,PLAIN MUG,2,2010-12-01 08:34:00,0.85,13047.0,United Kingdom\n");
    DemoCatalog catalog = DemoCatalog.load(csv, 10);
    assertThat(catalog.items()).extracting(DemoCatalog.Item::productId).containsExactly("23", "22");
    DemoCatalog.Item ring = catalog.items().get(1);
    assertThat(ring.name()).isEqualTo("Letter \"d\" Bling, Key Ring");
    assertThat(ring.priceMinor()).isEqualTo(125);
  }

  @Test
  void aMissingFileGivesTheBuiltInCatalog(@TempDir Path dir) {
    assertThat(DemoCatalog.load(dir.resolve("none.csv"), 10)).isEqualTo(DemoCatalog.builtIn());
  }
}
