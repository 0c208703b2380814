package io.upsell.notifier.shopcopy;

import io.upsell.platform.http.ApiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Variables a preview caller gave, laid over the sample ones: only documented names, and only text, numbers or (for
 * items) lists of such objects, so a preview renders exactly as a message would.
 */
final class PreviewData {

  private PreviewData() {}

  static Map<String, Object> merge(Map<String, Object> sample, Map<String, Object> given) {
    if (given == null) {
      return sample;
    }
    return merge("", sample, given);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> merge(String prefix, Map<String, Object> base, Map<String, Object> given) {
    Map<String, Object> merged = new HashMap<>(base);
    for (var entry : given.entrySet()) {
      String path = prefix + entry.getKey();
      if (!base.containsKey(entry.getKey())) {
        throw ApiException.badRequest("data." + path, "not a template variable");
      }
      Object value = entry.getValue();
      Object known = base.get(entry.getKey());
      if (known instanceof Map<?, ?> nested && value instanceof Map<?, ?> inner) {
        merged.put(entry.getKey(), merge(path + ".", (Map<String, Object>) nested, (Map<String, Object>) inner));
      } else if (value instanceof List<?> list && known instanceof List<?>) {
        merged.put(entry.getKey(), list.stream().map(e -> item(path, e)).toList());
      } else if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
        merged.put(entry.getKey(), value);
      } else {
        fail(path);
      }
    }
    return merged;
  }

  /** A list element: an object with the keys of an item (name, quantity, price, total). */
  @SuppressWarnings("unchecked")
  private static Object item(String path, Object element) {
    if (!(element instanceof Map<?, ?> map)) {
      return fail(path);
    }
    Map<String, Object> blank = new HashMap<>();
    for (String key : new String[] {"name", "quantity", "price", "total"}) {
      blank.put(key, null);
    }
    return merge(path + "[].", blank, (Map<String, Object>) map);
  }

  private static Object fail(String path) {
    throw ApiException.badRequest("data." + path, "must be text, a number or an object of the documented shape");
  }
}
