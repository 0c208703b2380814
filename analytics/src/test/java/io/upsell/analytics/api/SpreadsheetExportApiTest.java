package io.upsell.analytics.api;

import static io.restassured.RestAssured.given;
import static io.upsell.analytics.fixtures.DemoApi.FROM;
import static io.upsell.analytics.fixtures.DemoApi.TO;
import static io.upsell.analytics.fixtures.DemoApi.asShopB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.upsell.analytics.fixtures.DemoApi;
import io.upsell.analytics.fixtures.DemoTraffic;
import io.upsell.testkit.KafkaResource;
import io.upsell.testkit.TestShops;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every table answer as an XLSX download (Accept or ?format), read back and held against the JSON. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestShops.class)
class SpreadsheetExportApiTest {

  private static final String XLSX = ExportFormat.XLSX_TYPE;

  @BeforeEach
  void traffic() {
    DemoApi.sendAndAwait();
  }

  @Test
  void theKpiWorkbookHoldsTheJsonsFiguresWithMoneyInMajorUnitsAndDatesAsDates() throws IOException {
    var json = asShopB().queryParam("from", FROM).queryParam("to", TO)
        .get("/v1/shops/{shop}/kpis", DemoTraffic.SHOP).then().statusCode(200).extract().jsonPath();
    List<Map<String, Object>> series = json.getList("series");

    List<Row> sheet = rows(asShopB().accept(XLSX).queryParam("from", FROM).queryParam("to", TO)
        .get("/v1/shops/{shop}/kpis", DemoTraffic.SHOP).then().statusCode(200).contentType(XLSX).extract());

    List<String> header = sheet.get(0).stream().map(c -> c.getText()).toList();
    int start = header.indexOf("start");
    int gross = header.indexOf("grossRevenue (SAR)");
    int orders = header.indexOf("orders");
    assertThat(header).doesNotContain("grossRevenueMinor");
    assertThat(sheet).hasSize(series.size() + 1);
    long ordersSeen = 0;
    for (int i = 0; i < series.size(); i++) {
      Row row = sheet.get(i + 1);
      Map<String, Object> period = series.get(i);
      assertThat(row.getCellAsDate(start).orElseThrow().toLocalDate())
          .isEqualTo(LocalDate.parse((String) period.get("start")));
      assertThat(row.getCellAsNumber(gross).orElseThrow())
          .isEqualByComparingTo(BigDecimal.valueOf(((Number) period.get("grossRevenueMinor")).longValue(), 2));
      assertThat(row.getCellAsNumber(orders).orElseThrow().longValue())
          .isEqualTo(((Number) period.get("orders")).longValue());
      ordersSeen += row.getCellAsNumber(orders).orElseThrow().longValue();
    }
    assertThat(ordersSeen).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"kpis", "products/top", "funnel", "attribution", "lift", "coupons"})
  void everyTableDownloadsAsXlsxWithTheRowsOfItsCsv(String table) throws IOException {
    String csv = asShopB().queryParam("from", FROM).queryParam("to", TO).queryParam("format", "csv")
        .get("/v1/shops/{shop}/" + table, DemoTraffic.SHOP).then().statusCode(200).contentType("text/csv")
        .header("Content-Disposition", org.hamcrest.Matchers.endsWith(".csv\"")).extract().asString();

    var xlsx = asShopB().queryParam("from", FROM).queryParam("to", TO).queryParam("format", "xlsx")
        .get("/v1/shops/{shop}/" + table, DemoTraffic.SHOP).then().statusCode(200).contentType(XLSX)
        .header("Content-Disposition", org.hamcrest.Matchers.endsWith(".xlsx\"")).extract();

    assertThat(rows(xlsx)).hasSize(csv.split("\r\n").length);
  }

  @Test
  void theFormatParameterWinsOverAccept() throws IOException {
    var xlsx = asShopB().accept("text/csv").queryParam("from", FROM).queryParam("to", TO).queryParam("format", "xlsx")
        .get("/v1/shops/{shop}/funnel", DemoTraffic.SHOP).then().statusCode(200).contentType(XLSX).extract();
    assertThat(rows(xlsx).get(0).getCellText(0)).isEqualTo("triggerType");
    asShopB().accept(XLSX).queryParam("from", FROM).queryParam("to", TO).queryParam("format", "json")
        .get("/v1/shops/{shop}/funnel", DemoTraffic.SHOP).then().statusCode(200).contentType("application/json")
        .body("shopId", equalTo(DemoTraffic.SHOP));
  }

  @ParameterizedTest
  @ValueSource(strings = {"kpis", "lift", "coupons"})
  void anUnknownFormatIs400NamingIt(String table) {
    asShopB().queryParam("from", FROM).queryParam("format", "pdf")
        .get("/v1/shops/{shop}/" + table, DemoTraffic.SHOP).then().statusCode(400)
        .body("fields[0].field", equalTo("format"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"kpis", "funnel", "coupons"})
  void anotherShopsKeyCannotExportTheShopsTables(String table) {
    given().header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY)).queryParam("format", "xlsx")
        .get("/v1/shops/{shop}/" + table, DemoTraffic.SHOP).then().statusCode(403)
        .body("fields[0].field", equalTo("shopId"));
  }

  private static List<Row> rows(ExtractableResponse<Response> response) throws IOException {
    try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(response.asByteArray()))) {
      return workbook.getFirstSheet().read();
    }
  }
}
