package io.upsell.deploy.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upsell.deploy.demo.DemoCredentials;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code ./upsell backtest}: asks the running trigger engine to replay a shop's history, shows the replay's progress
 * on stderr and prints what would have fired and what would have been refused, and what the sends would have earned
 * by the shop's measured lift (the engine's estimate in the job, from analytics). Exit 0 done, 1 refused or failed,
 * 2 usage or engine unreachable.
 */
public final class BacktestCommand {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long POLL_MILLIS = 300;

  private BacktestCommand() {}

  public static int run(String[] args, StackUrls stack) {
    return run(args, stack, System.out, System.err, Path.of(".upsell", "demo-shop.env"));
  }

  static int run(String[] args, StackUrls stack, PrintStream out, PrintStream err, Path demoShopEnv) {
    BacktestArgs parsed;
    String key;
    ObjectNode request;
    try {
      parsed = BacktestArgs.parse(args, stack);
      key = parsed.apiKey().orElseGet(() -> DemoCredentials.apiKey(demoShopEnv));
      request = request(parsed);
    } catch (RuntimeException e) {
      err.println("backtest: " + e.getMessage());
      err.println(BacktestArgs.USAGE);
      return 2;
    }
    try {
      return replay(parsed, key, request, out, err, new ReportPrinter.Labels(
          parsed.rules().map(Path::toString).orElse("the shop's rules"), parsed.against().map(Path::toString)
          .orElse("")));
    } catch (IOException e) {
      err.println("backtest: cannot reach the trigger engine at " + parsed.urls().engine() + " (" + e.getMessage()
          + ")");
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static int replay(BacktestArgs args, String key, ObjectNode request, PrintStream out, PrintStream err,
      ReportPrinter.Labels labels) throws IOException, InterruptedException {
    StackClient engine = new StackClient(args.urls().engine(), key);
    StackClient.Reply started = engine.post("/v1/backtests", request);
    if (started.status() != 202) {
      return refused(started, err);
    }
    ProgressBar bar = new ProgressBar(err);
    String id = started.body().path("id").asText();
    JsonNode job = started.body();
    while (List.of("QUEUED", "RUNNING").contains(job.path("status").asText())) {
      bar.show(job.path("progress").asDouble(), job.path("replayed").asLong(), job.path("total").asLong());
      Thread.sleep(POLL_MILLIS);
      StackClient.Reply reply = engine.get("/v1/backtests/" + id);
      if (reply.status() != 200) {
        bar.finish();
        return refused(reply, err);
      }
      job = reply.body();
    }
    bar.show(job.path("progress").asDouble(), job.path("replayed").asLong(), job.path("total").asLong());
    bar.finish();
    if (!"DONE".equals(job.path("status").asText())) {
      err.println("backtest failed: " + job.path("error").asText());
      return 1;
    }
    print(args, key, job, labels, out);
    return 0;
  }

  private static void print(BacktestArgs args, String key, JsonNode job, ReportPrinter.Labels labels,
      PrintStream out) throws InterruptedException {
    ReportPrinter.print(job, out);
    JsonNode earnings = job.path("earnings");
    out.println();
    EarningsTable.print(earnings, out);
    if (args.samples().isPresent()) {
      samples(job.path("report"), args, new StackClient(args.urls().notifier(), key), out);
    }
    if (job.hasNonNull("against")) {
      ReportComparison.print(job, labels, out);
      if (EarningsTable.estimated(earnings)) {
        out.println();
        EarningsTable.compare(earnings, out);
      }
    }
  }

  // The notifier renders each sample as it would have sent it; without it the report still stands.
  private static void samples(JsonNode report, BacktestArgs args, StackClient notifier, PrintStream out)
      throws InterruptedException {
    Path dir = args.samples().orElseThrow();
    String preview = "/v1/shops/" + URLEncoder.encode(args.shop(), StandardCharsets.UTF_8) + "/preview";
    try {
      int written = SampleMessages.write(report, args.samplesPerType(), trigger -> {
        StackClient.Reply reply = notifier.post(preview, trigger);
        if (reply.status() != 200) {
          throw new IOException("the notifier answered " + reply.status() + ": " + reply.body().path("error").asText()
              + " " + reply.body().path("fields"));
        }
        return reply.body();
      }, dir);
      out.printf("%nSample messages: %d written to %s (<TYPE>/<n>.html, .txt, .json)%n", written, dir);
    } catch (IOException e) {
      out.printf("%nSample messages: not written (%s, notifier at %s)%n", e.getMessage(), notifier.service());
    }
  }

  private static int refused(StackClient.Reply reply, PrintStream err) {
    err.printf("backtest refused (%d): %s%n", reply.status(), reply.body().path("error").asText());
    reply.body().path("fields").forEach(f ->
        err.printf("  %s: %s%n", f.path("field").asText(), f.path("reason").asText()));
    return 1;
  }

  // The file's JSON as it is: the engine validates it as PUT /rules does and names each bad field.
  static JsonNode rules(String option, Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(option + " " + file + ": not JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new IllegalArgumentException(option + " " + file + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  private static ObjectNode request(BacktestArgs args) {
    ObjectNode request = JSON.createObjectNode();
    request.put("shopId", args.shop()).put("from", args.from()).put("to", args.to())
        .put("assumeConsent", args.assumeConsent());
    args.rules().ifPresent(file -> request.set("rules", rules("--rules", file)));
    args.against().ifPresent(file -> request.set("against", rules("--against", file)));
    return request;
  }
}
