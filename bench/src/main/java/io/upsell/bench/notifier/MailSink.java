package io.upsell.bench.notifier;

/** A local SMTP server the benchmark sends to, and how many emails it has taken in so far. */
interface MailSink extends AutoCloseable {

  /** The server's name as the report shows it. */
  String name();

  /** Its SMTP port on 127.0.0.1. */
  int port();

  /** Emails the server has accepted since it started. */
  long received();

  @Override
  void close();
}
