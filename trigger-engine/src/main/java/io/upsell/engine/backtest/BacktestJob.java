package io.upsell.engine.backtest;

import java.time.Instant;

/** One backtest as the caller sees it: where it is, how far it got, and its report once done. */
public final class BacktestJob {

  /** Life of a backtest. */
  public enum Status { QUEUED, RUNNING, DONE, FAILED }

  private final String id;
  private final String shopId;
  private final Instant from;
  private final Instant to;
  private final boolean assumeConsent;
  private final BacktestReport report;
  private final BacktestReport against;
  private volatile Status status = Status.QUEUED;
  private volatile long replayed;
  private volatile long total;
  private volatile String error;
  private volatile int warmUpDays;
  private volatile MeasuredLift lift;

  public BacktestJob(String id, String shopId, Instant from, Instant to, boolean assumeConsent, BacktestReport report) {
    this(id, shopId, from, to, assumeConsent, report, null);
  }

  /** {@code against}: the report of the rules compared with, or null when the job compares nothing. */
  public BacktestJob(String id, String shopId, Instant from, Instant to, boolean assumeConsent, BacktestReport report,
      BacktestReport against) {
    this.against = against;
    this.id = id;
    this.shopId = shopId;
    this.from = from;
    this.to = to;
    this.assumeConsent = assumeConsent;
    this.report = report;
  }

  public String id() {
    return id;
  }

  public String shopId() {
    return shopId;
  }

  public BacktestReport report() {
    return report;
  }

  /** Decisions due from here on count (inclusive). */
  public Instant from() {
    return from;
  }

  /** ... up to here (exclusive). */
  public Instant to() {
    return to;
  }

  /** Events from this many days before {@link #from()} built the replay's state; their decisions are not counted. */
  public void warmUp(int days) {
    warmUpDays = days;
  }

  /** The shop's measured lift that prices the sends once the job is done (null: not asked, no estimate). */
  public void lift(MeasuredLift measured) {
    lift = measured;
  }

  /** The report of the rules compared with (the second replay), or null. */
  public BacktestReport against() {
    return against;
  }

  /** The number of records to read (the range's offsets, every pass), known before the replay starts. */
  void total(long records) {
    total = records;
  }

  void progress(long replayedRecords) {
    replayed = replayedRecords;
  }

  void status(Status next) {
    status = next;
  }

  void failed(String reason) {
    error = reason;
    status = Status.FAILED;
  }

  /** The job as JSON; the report (and what its sends would have earned) only once done. */
  public View view() {
    double progress = status == Status.DONE ? 1.0 : total == 0 ? 0.0 : Math.min(1.0, (double) replayed / total);
    boolean done = status == Status.DONE;
    BacktestReport.Snapshot tried = done ? report.snapshot() : null;
    BacktestReport.Snapshot compared = done && against != null ? against.snapshot() : null;
    return new View(id, shopId, from.toString(), to.toString(), warmUpDays,
        from.minus(java.time.Duration.ofDays(warmUpDays)).toString(), assumeConsent, status, progress, replayed, total,
        error, tried, compared, done && lift != null ? LiftEarnings.of(lift, tried, compared) : null);
  }

  /**
   * JSON view of a job.
   *
   * @param from decisions due from here on count; {@code to} up to here (exclusive)
   * @param warmUpDays days before {@code from} whose events built state (from {@code warmUpFrom}), uncounted
   * @param assumeConsent whether customers without a profile were counted as consenting
   * @param replayed the shop's records of the range replayed so far; {@code total} all of them, counted before the
   *     replay starts (0 while they are being counted); with a comparison both replays
   * @param report under the rules tried (or the shop's own); {@code against} under the rules compared with, when the
   *     job compares two rule sets (null otherwise): the same records, replayed twice
   * @param earnings what the sends of {@code report} (and of {@code against}, and their difference) would have earned
   *     by the shop's measured lift, with the assumption it rests on, or why there is no estimate; once done
   */
  public record View(String id, String shopId, String from, String to, int warmUpDays, String warmUpFrom,
      boolean assumeConsent, Status status,
      double progress, long replayed, long total, String error, BacktestReport.Snapshot report,
      BacktestReport.Snapshot against, LiftEarnings.Earnings earnings) {}
}
