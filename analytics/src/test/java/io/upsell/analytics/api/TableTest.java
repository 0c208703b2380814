package io.upsell.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableTest {

  record Figures(long grossRevenueMinor, long orders) {}

  record Period(String start, long netRevenueMinor, Map<String, Long> revenueByChannelMinor,
      Map<String, Figures> otherCurrencies) {}

  @Test
  void moneyNestedUnderACurrencyCodeIsInThatCurrencyAndTheRestInTheShops() {
    Table table = Table.of(List.of(new Period("2025-03-01", 1250, Map.of("email", 1250L),
        Map.of("USD", new Figures(900, 1)))), "GBP");

    assertThat(table.columns()).containsExactly(new Table.Column("start", null),
        new Table.Column("netRevenueMinor", "GBP"), new Table.Column("revenueByChannelMinorEmail", "GBP"),
        new Table.Column("otherCurrenciesUsdGrossRevenueMinor", "USD"),
        new Table.Column("otherCurrenciesUsdOrders", null));
    assertThat(table.rows().get(0)).containsEntry("otherCurrenciesUsdGrossRevenueMinor", 900L);
  }

  @Test
  void aCurrencyWithoutMinorUnitsHasNoDigitsAfterThePoint() {
    assertThat(Table.fractionDigits("JPY")).isZero();
    assertThat(Table.fractionDigits("SAR")).isEqualTo(2);
  }
}
