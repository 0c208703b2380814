package io.upsell.deploy.backtest;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./upsell backtest --shop S --from DATE --to DATE [--rules FILE [--against FILE]] [--assume-consent]
 * [--api-key KEY] [--url URL]}.
 *
 * @param assumeConsent --assume-consent (no value): customers without a profile count as consenting, for history
 *     imported without CRM profiles
 * @param against --against FILE: rules to compare with; the same records are replayed under both
 * @param apiKey from --api-key, else {@code DEMO_SHOP_API_KEY} of {@code .upsell/demo-shop.env}
 */
record BacktestArgs(String shop, String from, String to, Optional<Path> rules, boolean assumeConsent,
    Optional<String> apiKey, URI engine, Optional<Path> against) {

  static final String USAGE = "usage: ./upsell backtest --shop SHOP --from 2010-12-01 --to 2011-01-01"
      + " [--rules rules.json [--against other.json]] [--assume-consent] [--api-key KEY] [--url http://localhost:8082]";
  private static final String ASSUME_CONSENT = "--assume-consent";

  static BacktestArgs parse(String[] args) {
    Map<String, String> named = new java.util.HashMap<>();
    boolean assumeConsent = false;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals(ASSUME_CONSENT)) {
        assumeConsent = true;
        continue;
      }
      if (!flag.startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("unexpected '" + flag + "'");
      }
      named.put(flag.substring(2), args[++i]);
    }
    for (String required : new String[] {"shop", "from", "to"}) {
      if (!named.containsKey(required)) {
        throw new IllegalArgumentException("--" + required + " is required");
      }
    }
    named.keySet().stream().filter(k -> !java.util.Set.of("shop", "from", "to", "rules", "against", "api-key", "url").contains(k))
        .findFirst().ifPresent(k -> {
          throw new IllegalArgumentException("unknown option --" + k);
        });
    return new BacktestArgs(named.get("shop"), named.get("from"), named.get("to"),
        Optional.ofNullable(named.get("rules")).map(Path::of), assumeConsent, Optional.ofNullable(named.get("api-key")),
        URI.create(named.getOrDefault("url", "http://localhost:8082")), Optional.ofNullable(named.get("against"))
        .map(Path::of));
  }
}
