package io.upsell.engine.triggers;

import io.upsell.engine.config.ShopSettings;
import io.upsell.platform.shops.Storefront;
import io.upsell.schemas.app.UsageReported;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.PlanInfo;
import io.upsell.schemas.upsell.UsageInfo;
import java.util.Map;
import java.util.Optional;

/**
 * The offer of a plan prompt: the plan the customer is on and the plan offered (as the catalog describes them, each
 * where known), the usage that prompted it (its unit from the report, else the plan's), the money in the offered
 * plan's currency, and the button to the shop's billing page.
 */
final class PlanOffers {

  private PlanOffers() {}

  static Offer offer(Optional<Product> current, Optional<PlanInfo> offered, UsageInfo usage, ShopSettings settings) {
    Optional<PlanInfo> currentInfo = current.map(PlanLadder::info);
    return Offer.newBuilder().setPlan(offered.map(PlanInfo::getPlanId).orElse(null))
        .setCurrentPlan(currentInfo.orElse(null)).setOfferedPlan(offered.orElse(null)).setUsage(usage)
        .setCurrency(offered.or(() -> currentInfo).map(PlanInfo::getCurrency).orElse(null))
        .setUrl(settings.storefront().url(Storefront.Page.BILLING, Map.of()).orElse(null)).build();
  }

  /** What the report says of the usage; its unit from the report, else from the plan's units. */
  static UsageInfo usage(UsageReported report, Optional<Product> current) {
    String unit = report.getUnit() != null ? report.getUnit()
        : current.map(p -> p.getUnits().get(report.getResource())).orElse(null);
    return UsageInfo.newBuilder().setResource(report.getResource()).setUsedUnits(report.getUsedUnits())
        .setQuotaUnits(report.getQuotaUnits()).setUnit(unit).build();
  }
}
