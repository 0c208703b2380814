package io.upsell.notifier.shopcopy;

import io.upsell.notifier.template.Brand;
import io.upsell.notifier.template.MessageModel;
import io.upsell.notifier.template.OfferView;
import io.upsell.notifier.template.OfferView.ItemView;
import io.upsell.notifier.template.OfferView.PlanView;
import io.upsell.notifier.template.OfferView.QuotaRow;
import io.upsell.notifier.template.OfferView.UsageView;
import java.util.List;

/**
 * A message with every part filled, for previews without data of one's own and as the shape every template is
 * validated against: a variable is documented exactly when this sample carries it.
 */
final class SampleMessage {

  private SampleMessage() {}

  static MessageModel model(String language) {
    var offer = new OfferView(
        List.of(new ItemView("Ceramic mug", 2, "£12.99", "£25.98", null),
            new ItemView("Green tea", 1, "£5.50", null, null)),
        10, null, "SAVE-7Q2X", "14 March 2026, 18:00 GMT",
        new PlanView("Basic", "£5.00", false, List.of("100 GB")),
        new PlanView("Pro", "£15.00", false, List.of("1,000 GB")),
        new PlanView("Pro yearly", "£150.00", true, List.of("1,000 GB")),
        new UsageView("86", "100 GB", "GB"), "£10.00", "£30.00",
        List.of(new QuotaRow("storage", "100 GB", "1,000 GB")), "Advanced watercolour");
    return new MessageModel(language, "cartAbandoned", "Sam", "Sample Shop", offer, null, Brand.NONE,
        "https://shop.example.com/cart", "https://shop.example.com/cart", "", "", null);
  }
}
