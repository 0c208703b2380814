package io.upsell.notifier.template;

import io.upsell.notifier.customer.Catalog;
import io.upsell.notifier.template.OfferView.ItemView;
import io.upsell.notifier.template.OfferView.PlanView;
import io.upsell.notifier.template.OfferView.QuotaRow;
import io.upsell.notifier.template.OfferView.UsageView;
import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.upsell.Offer;
import io.upsell.schemas.upsell.OfferItem;
import io.upsell.schemas.upsell.PlanInfo;
import io.upsell.schemas.upsell.UsageInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Formats the offer the engine decided for one customer. The offer's own items are always shown; the notifier's
 * catalog copy only fills a missing name, image or price. An offer that names products by id alone (no items)
 * shows those the catalog knows.
 */
@ApplicationScoped
public class OfferFormatter {

  /** The notifier's catalog copy: a product by shop and product id, if known. */
  public interface ProductLookup {
    Optional<Product> product(String shopId, String productId);
  }

  private final ProductLookup catalog;

  @Inject
  public OfferFormatter(Catalog catalog) {
    this((ProductLookup) catalog::product);
  }

  public OfferFormatter(ProductLookup catalog) {
    this.catalog = catalog;
  }

  /** @param shopCurrency the currency of an amount off when the offer names none */
  public OfferView format(String shopId, Offer offer, String shopCurrency, CustomerFormat f) {
    String currency = offer.getCurrency() != null ? offer.getCurrency() : shopCurrency;
    String amount = offer.getDiscountMinor() == null || currency == null ? null
        : f.money(offer.getDiscountMinor(), currency);
    String deadline = offer.getExpiresAt() == null ? null : f.dateTime(offer.getExpiresAt());
    String course = offer.getCourseId() == null ? null
        : catalog.product(shopId, offer.getCourseId()).map(Product::getName).orElse(offer.getCourseId());
    PlanInfo current = offer.getCurrentPlan();
    PlanInfo offered = offer.getOfferedPlan();
    PlanInfo alternative = offer.getAlternativePlan();
    // An offer naming its plan by id alone (before plans were data) still names it.
    PlanView offeredView = offered == null && offer.getPlan() != null
        ? new PlanView(offer.getPlan(), null, false, List.of()) : plan(offered, f);
    return new OfferView(items(shopId, offer, currency, f), offer.getDiscountPercent(), amount,
        offer.getCouponCode(), deadline, plan(current, f), offeredView, plan(alternative, f),
        usage(offer.getUsage(), current, offered, f), PlanPrices.difference(current, offered, f),
        PlanPrices.yearlySaving(offered, alternative, f), comparison(current, offered, f), course);
  }

  private List<ItemView> items(String shopId, Offer offer, String currency, CustomerFormat f) {
    if (!offer.getItems().isEmpty()) {
      return offer.getItems().stream().map(item -> item(shopId, item, currency, f)).toList();
    }
    return offer.getProductIds().stream().map(id -> catalog.product(shopId, id)).flatMap(Optional::stream)
        .map(p -> new ItemView(p.getName(), 1, f.money(p.getPriceMinor(), p.getCurrency()), null, p.getImageUrl()))
        .toList();
  }

  private ItemView item(String shopId, OfferItem item, String currency, CustomerFormat f) {
    boolean needsCatalog = item.getName() == null || item.getImageUrl() == null || item.getPriceMinor() == null;
    Optional<Product> known = needsCatalog ? catalog.product(shopId, item.getProductId()) : Optional.empty();
    String name = Optional.ofNullable(item.getName()).or(() -> known.map(Product::getName))
        .orElse(item.getProductId());
    String image = Optional.ofNullable(item.getImageUrl()).or(() -> known.map(Product::getImageUrl)).orElse(null);
    Long unit = item.getPriceMinor();
    String unitCurrency = currency;
    if (unit == null && known.isPresent()) {
      unit = known.get().getPriceMinor();
      unitCurrency = known.get().getCurrency();
    }
    if (unit == null || unitCurrency == null) {
      return new ItemView(name, item.getQuantity(), null, null, image);
    }
    String total = item.getQuantity() > 1 ? f.money(unit * item.getQuantity(), unitCurrency) : null;
    return new ItemView(name, item.getQuantity(), f.money(unit, unitCurrency), total, image);
  }

  static PlanView plan(PlanInfo plan, CustomerFormat f) {
    if (plan == null) {
      return null;
    }
    String price = plan.getPriceMinor() == null || plan.getCurrency() == null ? null
        : f.money(plan.getPriceMinor(), plan.getCurrency());
    List<String> quotas = plan.getQuotas().entrySet().stream()
        .map(q -> quantity(q.getValue(), plan.getUnits().get(q.getKey()), f)).toList();
    return new PlanView(name(plan), price, PlanPrices.yearly(plan), quotas);
  }

  static String name(PlanInfo plan) {
    return plan.getName() != null ? plan.getName() : plan.getPlanId();
  }

  private static UsageView usage(UsageInfo usage, PlanInfo current, PlanInfo offered, CustomerFormat f) {
    if (usage == null) {
      return null;
    }
    String unit = Optional.ofNullable(usage.getUnit())
        .or(() -> Optional.ofNullable(current).map(p -> p.getUnits().get(usage.getResource())))
        .or(() -> Optional.ofNullable(offered).map(p -> p.getUnits().get(usage.getResource())))
        .orElse(null);
    return new UsageView(f.number(usage.getUsedUnits()), quantity(usage.getQuotaUnits(), unit, f), unit);
  }

  private static List<QuotaRow> comparison(PlanInfo current, PlanInfo offered, CustomerFormat f) {
    if (current == null || offered == null) {
      return List.of();
    }
    var resources = new LinkedHashSet<>(current.getQuotas().keySet());
    resources.addAll(offered.getQuotas().keySet());
    List<QuotaRow> rows = new ArrayList<>();
    for (String resource : resources) {
      rows.add(new QuotaRow(resource, quota(current, resource, f), quota(offered, resource, f)));
    }
    return rows;
  }

  private static String quota(PlanInfo plan, String resource, CustomerFormat f) {
    Long value = plan.getQuotas().get(resource);
    return value == null ? "–" : quantity(value, plan.getUnits().get(resource), f);
  }

  private static String quantity(long value, String unit, CustomerFormat f) {
    return Objects.isNull(unit) ? f.number(value) : f.number(value) + " " + unit;
  }
}
