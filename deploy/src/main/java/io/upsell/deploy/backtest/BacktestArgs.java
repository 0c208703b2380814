package io.upsell.deploy.backtest;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ./upsell backtest --shop S --from DATE --to DATE [--rules FILE [--against FILE]] [--assume-consent]
 * [--samples DIR [--samples-per-type N]] [--api-key KEY] [--url URL] [--notifier-url URL]}.
 *
 * @param assumeConsent --assume-consent (no value): customers without a profile count as consenting, for history
 *     imported without CRM profiles
 * @param against --against FILE: rules to compare with; the same records are replayed under both
 * @param apiKey from --api-key, else {@code DEMO_SHOP_API_KEY} of {@code .upsell/demo-shop.env}
 * @param urls the stack's services, each overridden by --url (engine), --notifier-url
 * @param samples --samples DIR: where the sample messages go
 * @param samplesPerType --samples-per-type N, at least 1, default 3 (the engine's report keeps the first 10 per type)
 */
record BacktestArgs(String shop, String from, String to, Optional<Path> rules, boolean assumeConsent,
    Optional<String> apiKey, StackUrls urls, Optional<Path> against, Optional<Path> samples, int samplesPerType) {

  static final String USAGE = "usage: ./upsell backtest --shop SHOP --from 2010-12-01 --to 2011-01-01"
      + " [--rules rules.json [--against other.json]] [--assume-consent] [--samples DIR [--samples-per-type 3]]"
      + " [--api-key KEY] [--url http://localhost:8082] [--notifier-url URL]";
  private static final String ASSUME_CONSENT = "--assume-consent";
  private static final Set<String> OPTIONS = Set.of("shop", "from", "to", "rules", "against", "api-key", "url",
      "notifier-url", "samples", "samples-per-type");

  static BacktestArgs parse(String[] args, StackUrls stack) {
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
    named.keySet().stream().filter(k -> !OPTIONS.contains(k)).findFirst().ifPresent(k -> {
      throw new IllegalArgumentException("unknown option --" + k);
    });
    StackUrls urls = new StackUrls(url(named, "url", stack.engine()), url(named, "notifier-url", stack.notifier()));
    return new BacktestArgs(named.get("shop"), named.get("from"), named.get("to"),
        Optional.ofNullable(named.get("rules")).map(Path::of), assumeConsent, Optional.ofNullable(named.get("api-key")),
        urls, Optional.ofNullable(named.get("against")).map(Path::of),
        Optional.ofNullable(named.get("samples")).map(Path::of), samplesPerType(named.get("samples-per-type")));
  }

  private static URI url(Map<String, String> named, String option, URI fallback) {
    return Optional.ofNullable(named.get(option)).map(URI::create).orElse(fallback);
  }

  private static int samplesPerType(String text) {
    if (text == null) {
      return 3;
    }
    try {
      int n = Integer.parseInt(text.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("--samples-per-type must be a whole number of at least 1");
  }
}
