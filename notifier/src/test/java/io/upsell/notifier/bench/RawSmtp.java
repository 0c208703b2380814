package io.upsell.notifier.bench;

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
import java.util.concurrent.atomic.AtomicInteger;

/** The SMTP ceiling: plain Jakarta Mail clients, 16 kept-open connections, straight into the same GreenMail. */
final class RawSmtp {

  private RawSmtp() {}

  static double emailsPerSecond(int port, int count, int concurrency) throws Exception {
    var props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", Integer.toString(port));
    Session session = Session.getInstance(props);
    AtomicInteger next = new AtomicInteger();
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
            message.setText("a plain body of a plain email, about the size of ours: " + "x".repeat(2000));
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
    return count / ((System.nanoTime() - start) / 1e9);
  }
}
