package io.upsell.engine.triggers;

import io.upsell.schemas.catalog.Product;
import io.upsell.schemas.catalog.ProductKind;
import io.upsell.schemas.upsell.PlanInfo;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A shop's plans (catalog products of kind PLAN) as a ladder: one plan is above another when its {@code upgradeOf}
 * chain leads to it, else when both name a tier and its tier is higher, else when it costs more. Only plans billed
 * over the same period are rungs of one ladder (a yearly plan is not an upgrade of a monthly one); the yearly
 * counterpart of a plan is a yearly plan on the same tier, or, where tiers are not named, one whose id is the plan's
 * id followed by a dash ({@code pro} → {@code pro-yearly}).
 */
public final class PlanLadder {

  private static final String MONTH = "month";
  private static final String YEAR = "year";

  private final Map<String, Product> plans = new HashMap<>();

  public PlanLadder(List<Product> products) {
    products.stream().filter(p -> p.getKind() == ProductKind.PLAN).forEach(p -> plans.put(p.getProductId(), p));
  }

  public Optional<Product> plan(String planId) {
    return Optional.ofNullable(planId == null ? null : plans.get(planId));
  }

  /**
   * The cheapest plan above {@code current} whose quota of {@code resource} holds {@code used} with
   * {@code headroomPercent} to spare; where none does, the one above with the largest quota of it; empty on the top
   * rung.
   */
  public Optional<Product> upgradeFor(Product current, String resource, long used, long headroomPercent) {
    List<Product> above = above(current);
    long needed = (used * (100 + headroomPercent) + 99) / 100;
    return above.stream().filter(p -> p.getQuotas().getOrDefault(resource, 0L) >= needed).findFirst()
        .or(() -> above.stream().max(Comparator.comparingLong(p -> p.getQuotas().getOrDefault(resource, 0L))));
  }

  /** The plans above {@code current} on its ladder, cheapest first. */
  public List<Product> above(Product current) {
    return plans.values().stream().filter(p -> period(p).equals(period(current)) && isAbove(p, current))
        .sorted(Comparator.comparingLong(Product::getPriceMinor).thenComparing(Product::getProductId)).toList();
  }

  /** The yearly plan beside a plan billed otherwise, if the catalog has one. */
  public Optional<Product> yearlyOf(Product plan) {
    if (YEAR.equals(period(plan))) {
      return Optional.empty();
    }
    return plans.values().stream().filter(p -> YEAR.equals(period(p)))
        .filter(p -> plan.getTier() != null && p.getTier() != null ? plan.getTier().equals(p.getTier())
            : p.getProductId().startsWith(plan.getProductId() + "-"))
        .min(Comparator.comparing(Product::getProductId));
  }

  /** How an offer describes a plan. */
  public static PlanInfo info(Product plan) {
    return PlanInfo.newBuilder().setPlanId(plan.getProductId()).setName(plan.getName())
        .setPriceMinor(plan.getPriceMinor()).setCurrency(plan.getCurrency()).setBillingPeriod(period(plan))
        .setQuotas(Map.copyOf(plan.getQuotas())).setUnits(Map.copyOf(plan.getUnits())).build();
  }

  private boolean isAbove(Product candidate, Product current) {
    if (candidate.getProductId().equals(current.getProductId())) {
      return false;
    }
    if (leadsTo(candidate, current)) {
      return true;
    }
    if (leadsTo(current, candidate)) {
      return false;
    }
    if (candidate.getTier() != null && current.getTier() != null) {
      return candidate.getTier() > current.getTier();
    }
    return candidate.getPriceMinor() > current.getPriceMinor();
  }

  // Whether following upgradeOf from `from` reaches `to`; a cycle in the catalog ends the walk.
  private boolean leadsTo(Product from, Product to) {
    Set<String> seen = new HashSet<>();
    for (Product step = from; step != null && step.getUpgradeOf() != null && seen.add(step.getProductId()); ) {
      if (step.getUpgradeOf().equals(to.getProductId())) {
        return true;
      }
      step = plans.get(step.getUpgradeOf());
    }
    return false;
  }

  private static String period(Product plan) {
    return plan.getBillingPeriod() == null ? MONTH : plan.getBillingPeriod().toLowerCase(java.util.Locale.ROOT);
  }
}
