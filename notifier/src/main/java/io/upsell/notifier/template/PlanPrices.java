package io.upsell.notifier.template;

import io.upsell.schemas.upsell.PlanInfo;

/**
 * What two plans' prices say beside each other: how much more the upgrade costs per period, and what paying yearly
 * saves. Prices in different currencies or periods are not compared (no figure is better than a wrong one).
 */
final class PlanPrices {

  private static final int MONTHS = 12;

  private PlanPrices() {}

  /** Plans are monthly unless the catalog says year. */
  static boolean yearly(PlanInfo plan) {
    return plan.getBillingPeriod() != null && plan.getBillingPeriod().toLowerCase().startsWith("year");
  }

  /** The offered plan's price minus the current one's, when both are known and comparable and it costs more. */
  static String difference(PlanInfo current, PlanInfo offered, CustomerFormat f) {
    if (!priced(current) || !priced(offered) || !current.getCurrency().equals(offered.getCurrency())
        || yearly(current) != yearly(offered)) {
      return null;
    }
    long more = offered.getPriceMinor() - current.getPriceMinor();
    return more > 0 ? f.money(more, offered.getCurrency()) : null;
  }

  /** Twelve months of the monthly plan minus the yearly plan, when one of the two is each and it is a saving. */
  static String yearlySaving(PlanInfo offered, PlanInfo alternative, CustomerFormat f) {
    if (!priced(offered) || !priced(alternative) || !offered.getCurrency().equals(alternative.getCurrency())
        || yearly(offered) == yearly(alternative)) {
      return null;
    }
    PlanInfo monthly = yearly(offered) ? alternative : offered;
    PlanInfo year = yearly(offered) ? offered : alternative;
    long saving = monthly.getPriceMinor() * MONTHS - year.getPriceMinor();
    return saving > 0 ? f.money(saving, year.getCurrency()) : null;
  }

  private static boolean priced(PlanInfo plan) {
    return plan != null && plan.getPriceMinor() != null && plan.getCurrency() != null;
  }
}
