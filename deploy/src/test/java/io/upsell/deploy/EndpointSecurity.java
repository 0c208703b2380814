package io.upsell.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every operation a service documents in its OpenAPI, called the way an attacker would: no credentials, another
 * shop's credentials, a forged token. Public operations (tracking links, unsubscribe, the widget script, the
 * dashboard page) are named here, so a new endpoint is protected unless someone decides otherwise.
 */
final class EndpointSecurity {

  /** Operations anyone may call: they carry their own signed token or serve public content. */
  static final Set<String> PUBLIC = Set.of(
      "notifier GET /widget.js",
      "notifier GET /v1/track/open",
      "notifier GET /v1/track/click",
      "notifier GET /v1/unsubscribe",
      "notifier POST /v1/unsubscribe",
      // Like unsubscribe, the email's "not relevant" link carries its own signed token instead of a shop key.
      "notifier GET /v1/not-relevant",
      "notifier POST /v1/not-relevant",
      "analytics GET /",
      // The catalog of trigger types and their default settings: the same for every shop, no shop data.
      "trigger-engine GET /v1/triggers/catalog");

  /** One documented operation of a service. */
  record Operation(String service, String method, String path) {

    String name() {
      return service + " " + method + " " + path;
    }

    /** The path with its parameters filled: the shop is {@code shopId}, everything else a harmless word. */
    String concrete(String shopId) {
      return path.replace("{shopId}", shopId).replaceAll("\\{[^}]+}", "x");
    }
  }

  private EndpointSecurity() {}

  /** The operations of one service's OpenAPI document (JSON). */
  static List<Operation> operations(String service, JsonNode openApi) {
    List<Operation> operations = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      Iterator<String> methods = path.getValue().fieldNames();
      while (methods.hasNext()) {
        String method = methods.next().toUpperCase();
        if (Set.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(method)) {
          operations.add(new Operation(service, method, path.getKey()));
        }
      }
    }
    return operations;
  }
}
