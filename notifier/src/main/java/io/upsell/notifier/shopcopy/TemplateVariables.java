package io.upsell.notifier.shopcopy;

import io.upsell.notifier.template.MessageModel;
import io.upsell.notifier.template.OfferView;
import io.upsell.notifier.template.OfferView.ItemView;
import io.upsell.notifier.template.OfferView.PlanView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The fixed set of variables a shop's template may name, as nested maps of plain values (text and numbers, never
 * objects with methods). Every key is always present (null when the message has no such part), so the key set is
 * the model templates are validated against; docs/notifier.md lists the same names.
 */
public final class TemplateVariables {

  /** Most items a template loop can see; a cart with more shows the first ones. */
  static final int MAX_ITEMS = 50;

  private TemplateVariables() {}

  public static Map<String, Object> of(MessageModel m) {
    OfferView o = m.offer();
    Map<String, Object> offer = new HashMap<>();
    offer.put("percent", o.percent());
    offer.put("amount", o.amount());
    offer.put("discount", o.percent() != null ? o.percent() + "%" : o.amount());
    offer.put("code", o.code());
    offer.put("deadline", o.deadline());
    offer.put("course", o.course());
    Map<String, Object> plan = new HashMap<>();
    plan.put("current", plan(o.current()));
    plan.put("offered", plan(o.offered()));
    plan.put("alternative", plan(o.alternative()));
    plan.put("difference", o.priceDifference());
    plan.put("yearlySaving", o.yearlySaving());
    Map<String, Object> usage = new HashMap<>();
    usage.put("used", o.usage() == null ? null : o.usage().used());
    usage.put("quota", o.usage() == null ? null : o.usage().quota());
    Map<String, Object> vars = new HashMap<>();
    vars.put("customer", single("name", m.customerName()));
    vars.put("shop", single("name", m.shopName()));
    vars.put("offer", offer);
    vars.put("items", o.items().stream().limit(MAX_ITEMS).map(TemplateVariables::item).toList());
    vars.put("plan", plan);
    vars.put("usage", usage);
    return vars;
  }

  /** Every variable path a template may name, e.g. {@code offer.code}; {@code items[].name} for a loop element. */
  public static TreeSet<String> paths() {
    return paths(SampleMessage.model("en"));
  }

  static TreeSet<String> paths(MessageModel sample) {
    var paths = new TreeSet<String>();
    collect("", of(sample), paths);
    return paths;
  }

  @SuppressWarnings("unchecked")
  private static void collect(String prefix, Object value, TreeSet<String> paths) {
    if (value instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).forEach((k, v) -> {
        String path = prefix.isEmpty() ? k : prefix + "." + k;
        paths.add(path);
        collect(path, v, paths);
      });
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      paths.add(prefix + "[]");
      collect(prefix + "[]", list.get(0), paths);
    }
  }

  private static Map<String, Object> item(ItemView item) {
    Map<String, Object> map = new HashMap<>();
    map.put("name", item.name());
    map.put("quantity", item.quantity());
    map.put("price", item.price());
    map.put("total", item.total());
    return map;
  }

  private static Map<String, Object> plan(PlanView plan) {
    Map<String, Object> map = new HashMap<>();
    map.put("name", plan == null ? null : plan.name());
    map.put("price", plan == null ? null : plan.price());
    return map;
  }

  private static Map<String, Object> single(String key, Object value) {
    Map<String, Object> map = new HashMap<>();
    map.put(key, value);
    return map;
  }
}
