package io.upsell.bench.notifier;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SMTP ceiling: plain Jakarta Mail clients on kept-open connections send a body of our emails' size straight to
 * the server, timed until the server has taken in the last one.
 */
final class RawSmtp {

  /**
   * A text body of 6 KB in 70-character lines: our emails (HTML and text parts, quoted-printable) measure 4.8 KB in
   * English and 7.3 KB in Arabic at the server, and the benchmark sends half of each.
   */
  private static final String BODY = ("a plain line of a plain email, the same length as the lines of ours. \n")
      .repeat(6000 / 70);

  private RawSmtp() {}

  static double emailsPerSecond(MailSink server, int count, int concurrency) throws Exception {
    var props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(server.port()));
    Session session = Session.getInstance(props);
    AtomicInteger next = new AtomicInteger();
    long before = server.received();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      workers.add(pool.submit(() -> {
        try (Transport transport = session.getTransport("smtp")) {
          transport.connect();
          for (int i; (i = next.getAndIncrement()) < count; ) {
            var message = new MimeMessage(session);
            message.setFrom("bench@upsell.local");
            var to = new InternetAddress("inbox-" + (i % NotifierBenchmark.MAILBOXES) + "@example.com");
            message.setRecipient(Message.RecipientType.TO, to);
            message.setSubject("raw " + i);
            message.setText(BODY);
            message.saveChanges();
            transport.sendMessage(message, new InternetAddress[] {to});
          }
        }
        return null;
      }));
    }
    for (Future<?> f : workers) {
      f.get();
    }
    pool.shutdown();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (server.received() - before < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return Math.min(count, server.received() - before) / ((System.nanoTime() - start) / 1e9);
  }
}
