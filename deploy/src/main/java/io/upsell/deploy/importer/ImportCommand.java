package io.upsell.deploy.importer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./upsell import orders FILE}: streams past orders (an Online Retail CSV or NDJSON of native events) into
 * the ingest batch API with a progress bar on stderr. Safe to run twice: event ids make the rerun all duplicates.
 */
public final class ImportCommand {

  private ImportCommand() {}

  /** The process exit code: 0 imported, 1 refused or failed, 2 usage error. */
  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    ImportOptions options;
    try {
      options = ImportOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.print(ImportOptions.USAGE);
      return 2;
    }
    try {
      return importFile(options, out, err);
    } catch (IOException e) {
      err.println("\nCannot read " + options.file() + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("\nInterrupted.");
      return 1;
    }
  }

  private static int importFile(ImportOptions options, PrintStream out, PrintStream err)
      throws IOException, InterruptedException {
    BatchSender sender = new BatchSender(options.url(), options.apiKey());
    ProgressBar progress = new ProgressBar(err, Files.size(options.file()));
    long started = System.nanoTime();
    long events = 0;
    long accepted = 0;
    long duplicates = 0;
    try (EventLines lines = EventLines.open(options.file(), options.orders())) {
      List<String> batch = new ArrayList<>(options.batchSize());
      while (lines.hasNext() || !batch.isEmpty()) {
        if (lines.hasNext()) {
          batch.add(lines.next());
        }
        if (batch.size() == options.batchSize() || (!lines.hasNext() && !batch.isEmpty())) {
          BatchSender.Accepted answer = sender.send(batch);
          events += batch.size();
          accepted += answer.accepted();
          duplicates += answer.duplicates();
          batch.clear();
          progress.show(lines.bytesRead(), lines.linesRead(), events, false);
        }
      }
      progress.finish(lines.bytesRead(), lines.linesRead(), events);
      out.printf("Imported %s: %,d lines, %,d events (%,d accepted, %,d duplicates, %,d invoices skipped) in %.1f s%n",
          options.file().getFileName(), lines.linesRead(), events, accepted, duplicates, lines.skipped(),
          (System.nanoTime() - started) / 1e9);
      return 0;
    } catch (BatchSender.Refused e) {
      err.println("\nStopped after " + events + " events: " + e.getMessage());
      return 1;
    }
  }
}
