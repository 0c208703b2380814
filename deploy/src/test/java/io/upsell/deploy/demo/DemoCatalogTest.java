package io.upsell.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
  void theCatalogEventsCarryTheSaasPlanLadderFromBasicThroughProToBusiness() {
    List<Map<String, Object>> plans = DemoEvents.catalog(DemoCatalog.builtIn(), 0).stream()
        .filter(event -> "plan".equals(event.get("kind"))).toList();

    assertThat(plans).extracting(plan -> plan.get("productId")).containsExactly("basic", "pro", "business");
    assertThat(plans).extracting(plan -> plan.get("quotas"))
        .containsExactly(Map.of("storage", 100L), Map.of("storage", 1000L), Map.of("storage", 5000L));
    assertThat(plans).extracting(plan -> plan.get("upgradeOf")).containsExactly(null, "basic", "pro");
    assertThat(plans).allSatisfy(plan -> assertThat(plan).containsEntry("currency", "GBP")
        .containsEntry("units", Map.of("storage", "GB")).containsKey("priceMinor"));
  }

  @Test
  void aStorageReportNamesTheFirstPlanItsQuotaAndUnit() {
    Map<String, Object> usage = DemoEvents.usage("c1", 86, 0);

    assertThat(usage).containsEntry("plan", "basic").containsEntry("usedUnits", 86L)
        .containsEntry("quotaUnits", 100L).containsEntry("unit", "GB");
  }

  @Test
  void aMissingFileGivesTheBuiltInCatalog(@TempDir Path dir) {
    assertThat(DemoCatalog.load(dir.resolve("none.csv"), 10)).isEqualTo(DemoCatalog.builtIn());
  }
}
