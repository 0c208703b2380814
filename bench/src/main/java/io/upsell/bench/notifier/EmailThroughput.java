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

  private EmailThroughput() {}

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
      System.err.printf("[bench] only %d of %d emails arrived in 60 s%n", received, emails);
    }
    return received / seconds;
  }
}
