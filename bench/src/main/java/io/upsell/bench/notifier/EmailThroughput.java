package io.upsell.bench.notifier;

import io.upsell.notifier.support.BulkRecords;
import io.upsell.notifier.support.Fixtures;
import io.upsell.schemas.topics.Keys;
import io.upsell.schemas.topics.Topics;
import io.upsell.schemas.upsell.ChannelHint;
import io.upsell.schemas.upsell.TriggerType;
import io.upsell.schemas.upsell.UpsellTrigger;
import io.upsell.testkit.TestShops;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Emails per second through the running notifier: profiles for every customer first, then one abandoned-cart
 * trigger each written at once, timed from the first trigger written to the last email the server took in.
 */
final class EmailThroughput {

  private static final String SHOP = TestShops.SHOP_A;
  private static final int BACKLOG_PATIENCE_SECONDS = 300;

  private EmailThroughput() {}

  /**
   * Waits (up to {@link #BACKLOG_PATIENCE_SECONDS}) for the emails not sent in the measured minute: the triggers the
   * next parts write queue behind them in the same partitions, so they would time the backlog, not the notifier.
   */
  private static void awaitTheRest(MailSink server, long before, int emails) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(BACKLOG_PATIENCE_SECONDS);
    while (server.received() - before < emails && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    long received = server.received() - before;
    System.err.printf("[bench] %d of %d emails arrived %.0f s after the measured minute%n", received, emails,
        (System.nanoTime() - start) / 1e9);
    if (received < emails) {
      System.out.printf("[bench-warning] %d of %d emails still unsent after %d s more: the next parts' triggers wait"
          + " behind them%n", emails - received, emails, BACKLOG_PATIENCE_SECONDS);
    }
  }

  static double measure(BulkRecords bulk, MailSink server, int emails) throws Exception {
    String run = Fixtures.unique("mail");
    List<UpsellTrigger> triggers = new ArrayList<>();
    for (int i = 0; i < emails; i++) {
      String customer = run + "-" + i;
      bulk.send(Topics.CRM_CUSTOMERS, Keys.customer(SHOP, customer), Fixtures.profileRecord(SHOP, customer,
          "inbox-" + (i % NotifierBenchmark.MAILBOXES) + "@example.com", "C" + i, i % 2 == 0 ? "en" : "ar", true));
      triggers.add(Fixtures.trigger(SHOP, customer, TriggerType.CART_ABANDONED, List.of(), ChannelHint.EMAIL));
    }
    bulk.flush();
    Thread.sleep(1000);
    long before = server.received();
    long start = System.nanoTime();
    triggers.forEach(t -> bulk.send(Topics.UPSELL_TRIGGERS, Keys.customer(SHOP, t.getCustomerId()), t));
    bulk.flush();
    long deadline = start + TimeUnit.SECONDS.toNanos(60);
    long received = 0;
    while (received < emails && System.nanoTime() < deadline) {
      Thread.sleep(20);
      received = server.received() - before;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (received < emails) {
      System.out.printf("[bench-warning] only %d of %d emails arrived in 60 s%n", received, emails);
      awaitTheRest(server, before, emails);
    }
    return received / seconds;
  }
}
