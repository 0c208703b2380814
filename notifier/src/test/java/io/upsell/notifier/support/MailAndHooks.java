package io.upsell.notifier.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.upsell.testkit.TestShops;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outside world of the notifier in tests: a real SMTP server (GreenMail, random port) behind an {@link SmtpGate}
 * that refuses some recipients, and a shop's webhook receiver (shop B) that fails its first call with a 500.
 * Settings make retries and the in-app email fallback fast.
 */
public final class MailAndHooks implements QuarkusTestResourceLifecycleManager {

  /** One call the webhook receiver got. */
  public record HookCall(String signature, String delivery, String body, int answered) {}

  public static GreenMail greenMail;
  public static final List<HookCall> HOOK_CALLS = new CopyOnWriteArrayList<>();
  private static final AtomicInteger HOOK_COUNT = new AtomicInteger();
  public static SmtpGate gate;
  private HttpServer hooks;

  @Override
  public Map<String, String> start() {
    try {
      greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      greenMail.start();
      gate = new SmtpGate(greenMail.getSmtp().getPort());
      hooks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      hooks.createContext("/hook", exchange -> {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = HOOK_COUNT.getAndIncrement() == 0 ? 500 : 204;
        HOOK_CALLS.add(new HookCall(exchange.getRequestHeaders().getFirst("X-Upsell-Signature"),
            exchange.getRequestHeaders().getFirst("X-Upsell-Delivery"), body, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
      });
      hooks.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.ofEntries(
        Map.entry("quarkus.mailer.host", "127.0.0.1"),
        Map.entry("quarkus.mailer.port", Integer.toString(gate.port())),
        Map.entry("quarkus.mailer.mock", "false"),
        Map.entry("quarkus.mailer.start-tls", "DISABLED"),
        Map.entry("notifier.token-secret", "test-token-secret"),
        // A try that hangs on a starved machine fails after 10 s and is retried (the mailer's default is 60 s).
        Map.entry("quarkus.mailer.timeout", "10s"),
        Map.entry("notifier.retry.initial-backoff", "PT0.05S"),
        Map.entry("notifier.retry.max-backoff", "PT0.2S"),
        Map.entry("notifier.retry.scan-every", "PT0.1S"),
        Map.entry("notifier.retry.throttle-pause", "PT2S"),
        Map.entry("notifier.inapp.fallback-wait", "PT2S"),
        Map.entry("notifier.inapp.fallback-scan-every", "1s"),
        Map.entry("notifier.shops.\"" + TestShops.SHOP_B + "\".webhook-url",
            "http://127.0.0.1:" + hooks.getAddress().getPort() + "/hook"));
  }

  @Override
  public void stop() {
    if (hooks != null) {
      hooks.stop(0);
    }
    try {
      if (gate != null) {
        gate.close();
      }
    } catch (IOException e) {
      // closing anyway
    }
    if (greenMail != null) {
      greenMail.stop();
    }
  }
}
