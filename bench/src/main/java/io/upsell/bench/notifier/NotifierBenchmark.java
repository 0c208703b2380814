package io.upsell.bench.notifier;

import io.upsell.notifier.support.BulkRecords;
import io.upsell.notifier.support.Fixtures;
import io.upsell.notifier.support.NotifierProcess;
import io.upsell.notifier.support.SseClient;
import io.upsell.notifier.tracking.DeliveryRef;
import io.upsell.schemas.notify.DeliveryChannel;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.TestKafka;
import io.upsell.testkit.TestShops;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notifier figures against the packaged service (built with the bench module: {@code -Pbench -pl bench -am package}):
 * emails/s with 16 SMTP connections and 32 workers, trigger → SSE event latency at 100 triggers/s, and heap/RSS
 * with 5,000 open SSE streams; the raw Kafka produce/consume ceiling and each SMTP server's raw ceiling (plain
 * Jakarta Mail, 16 kept-open connections, bodies of our emails' size) are measured in the same run. Prints a
 * Markdown table that names the SMTP server the notifier sent to.
 *
 * <p>The SMTP server: when Debian's postfix is installed ({@code /usr/sbin/postfix}) and this runs as root, a private
 * Postfix instance that discards every message ({@link PostfixSink}: own config, queue and log in a temp directory,
 * loopback only, started with {@code postfix -c <dir> start} and stopped with {@code postfix -c <dir> stop} at the
 * end); GreenMail in this JVM otherwise. GreenMail's raw ceiling is measured either way, because the tests use it.
 * To get Postfix: {@code DEBIAN_FRONTEND=noninteractive apt-get install -y postfix} (the package's own service is
 * not needed; without systemd it stays stopped, and nothing is sent off the machine).
 *
 * <p>Arguments pick parts ({@code emails}, {@code sse}, {@code streams}; all by default), e.g.
 * {@code emails}. {@code -Dnotifier.process.jvm-args=-XX:StartFlightRecording=filename=n.jfr,settings=profile}
 * profiles the notifier process.
 */
public final class NotifierBenchmark {

  private static final String SHOP = TestShops.SHOP_A;
  private static final int EMAILS = 2000;
  private static final int LATENCY_TRIGGERS = 1000;
  private static final int STREAMS = 5000;
  /**
   * Recipients share this many mailboxes: GreenMail creates a user per new address, which would make the server,
   * not the notifier, the thing measured.
   */
  static final int MAILBOXES = 20;

  private NotifierBenchmark() {}

  public static void main(String[] args) {
    io.upsell.testkit.BenchMain.run(() -> run(args.length == 0 ? Set.of("emails", "sse", "streams") : Set.of(args)));
  }

  /** Runs the named parts (emails, sse, streams); all of them without arguments. */
  private static void run(Set<String> parts) throws Exception {
    String bootstrap = TestKafka.broker().bootstrapServers();
    var rows = new ArrayList<String>();
    try (var greenMail = new GreenMailSink(); var bulk = new BulkRecords(bootstrap)) {
      Optional<MailSink> postfix = PostfixSink.startIfInstalled();
      try {
        RawKafka.Figures raw = RawKafka.measure(bootstrap, bulk);
        MailSink server = postfix.orElse(greenMail);
        Map<MailSink, Double> smtpCeilings = new LinkedHashMap<>();
        for (MailSink sink : postfix.isPresent() ? List.of(postfix.get(), greenMail) : List.of(greenMail)) {
          smtpCeilings.put(sink, RawSmtp.emailsPerSecond(sink, sink == greenMail ? 1000 : 4000, 16));
          System.err.printf("[bench] raw SMTP to %s: %.0f emails/s%n", sink.name(), smtpCeilings.get(sink));
        }
        var notifier = NotifierProcess.start(bootstrap, TestShops.writeFile(), server.port(),
            Map.of("notifier.batch-size", "256"), Files.createTempFile("notifier-bench", ".log"));
        try (notifier) {
          System.err.println("[bench] notifier started, sending to " + server.name());
          if (parts.contains("emails")) {
            double emailsPerSecond = EmailThroughput.measure(bulk, server, server == greenMail ? 2000 : 5000);
            System.err.printf("[bench] %.0f emails/s%n", emailsPerSecond);
            rows.add(row("emails/s to " + server.name() + ", 16 SMTP connections, 32 workers", emailsPerSecond,
                smtpCeilings.get(server), "raw SMTP emails/s to " + server.name() + ", 16 connections"));
            if (server != greenMail) {
              rows.add(String.format("| raw SMTP emails/s to GreenMail, the tests' server (16 connections) | - | %.1f"
                  + " | - |", smtpCeilings.get(greenMail)));
            }
            rows.add(row("emails/s vs raw Kafka", emailsPerSecond, raw.recordsPerSecond(),
                "records/s raw Kafka produce+consume"));
          }
          if (parts.contains("sse")) {
            double[] latency = sseLatency(bulk, notifier.port());
            System.err.printf("[bench] SSE latency p50 %.1f ms, p99 %.1f ms%n", latency[0], latency[1]);
            rows.add(row("trigger → SSE event p50 ms @100/s", latency[0], raw.p50Millis(), "raw Kafka p50 ms @100/s"));
            rows.add(row("trigger → SSE event p99 ms @100/s", latency[1], raw.p99Millis(), "raw Kafka p99 ms @100/s"));
          }
          if (parts.contains("streams")) {
            long[] memory = openStreams(notifier);
            rows.add(row("RSS MB with " + STREAMS + " SSE streams", memory[0], 512, "target MB"));
            rows.add(row("heap used MB with " + STREAMS + " SSE streams", memory[1], 256, "-Xmx MB"));
          }
        }
      } finally {
        postfix.ifPresent(MailSink::close);
      }
    }
    System.out.println();
    System.out.println("| figure | ours | ceiling | ratio |");
    System.out.println("| --- | --- | --- | --- |");
    rows.forEach(System.out::println);
  }

  private static String row(String figure, double ours, double ceiling, String ceilingIs) {
    return String.format("| %s | %.1f | %.1f (%s) | %.2f |", figure, ours, ceiling, ceilingIs, ours / ceiling);
  }

  /** p50 and p99 ms from writing a storage trigger to its SSE event, 100 customers, 100 triggers/s. */
  private static double[] sseLatency(BulkRecords bulk, int port) throws Exception {
    var http = HttpClient.newHttpClient();
    String run = Fixtures.unique("sse");
    List<SseClient> streams = new ArrayList<>();
    Map<String, Long> writtenAt = new ConcurrentHashMap<>();
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    var done = new CountDownLatch(LATENCY_TRIGGERS);
    Pattern id = Pattern.compile("\"id\":\"([^\"]+)\"");
    for (int c = 0; c < 100; c++) {
      String token = mint(http, port, run + "-" + c);
      streams.add(new SseClient(http, "http://127.0.0.1:" + port + "/v1/inapp/stream?token=" + token, null));
    }
    Thread.sleep(2000);
    var collectors = new ArrayList<Thread>();
    for (SseClient stream : streams) {
      Thread t = new Thread(() -> {
        try {
          while (done.getCount() > 0) {
            var e = stream.next(ev -> ev.name().equals("message"), Duration.ofSeconds(1));
            if (e == null) {
              continue;
            }
            Matcher m = id.matcher(e.data());
            Long at = m.find() ? writtenAt.get(m.group(1)) : null;
            if (at != null) {
              latencies.add(e.receivedNanos() - at);
              done.countDown();
            }
          }
        } catch (InterruptedException ex) {
          Thread.currentThread().interrupt();
        }
      });
      t.setDaemon(true);
      t.start();
      collectors.add(t);
    }
    long next = System.nanoTime();
    for (int i = 0; i < LATENCY_TRIGGERS; i++) {
      UpsellTrigger trigger = Fixtures.trigger(SHOP, run + "-" + (i % 100), TriggerType.STORAGE_NEAR_FULL, List.of(),
          ChannelHint.IN_APP);
      writtenAt.put(DeliveryRef.idOf(trigger.getTriggerId(), DeliveryChannel.IN_APP), System.nanoTime());
      bulk.send(Topics.UPSELL_TRIGGERS, Keys.customer(SHOP, trigger.getCustomerId()), trigger);
      next += TimeUnit.MILLISECONDS.toNanos(10);
      long wait = next - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }
    done.await(30, TimeUnit.SECONDS);
    streams.forEach(SseClient::close);
    return new double[] {RawKafka.percentile(latencies, 50), RawKafka.percentile(latencies, 99)};
  }

  /** RSS and used heap (MB) of the notifier with {@link #STREAMS} open streams. */
  private static long[] openStreams(NotifierProcess notifier) throws Exception {
    var http = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newFixedThreadPool(4)).build();
    String run = Fixtures.unique("conn");
    String token = mint(http, notifier.port(), run);
    List<SseClient> streams = new ArrayList<>();
    for (int i = 0; i < STREAMS; i++) {
      streams.add(new SseClient(http, "http://127.0.0.1:" + notifier.port() + "/v1/inapp/stream?token=" + token
          + "&n=" + i, null));
      if (i % 500 == 499) {
        Thread.sleep(200);
      }
    }
    Thread.sleep(5000);
    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + notifier.port()
        + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    double heap = 0;
    Matcher m = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E]+)").matcher(metrics);
    while (m.find()) {
      heap += Double.parseDouble(m.group(1));
    }
    long rssKb = Files.readAllLines(Path.of("/proc", Long.toString(notifier.pid()), "status")).stream()
        .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst()
        .orElse(0L);
    int open = countOpen(metrics);
    System.err.printf("[bench] %d streams requested, %d open per the notifier%n", STREAMS, open);
    streams.forEach(SseClient::close);
    return new long[] {rssKb / 1024, (long) (heap / 1024 / 1024)};
  }

  private static int countOpen(String metrics) {
    Matcher m = Pattern.compile("(?m)^notifier_sse_streams(?:\\{[^}]*})? ([0-9.E]+)").matcher(metrics);
    return m.find() ? (int) Double.parseDouble(m.group(1)) : -1;
  }

  private static String mint(HttpClient http, int port, String customer) throws Exception {
    var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/inapp/tokens"))
        .header("Authorization", TestShops.bearer(TestShops.SHOP_A_KEY)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"customerId\":\"" + customer + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(response.body());
    if (!m.find()) {
      throw new IllegalStateException("no token: " + response.statusCode());
    }
    return m.group(1);
  }
}
