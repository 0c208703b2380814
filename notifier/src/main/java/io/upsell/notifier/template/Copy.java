package io.upsell.notifier.template;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of every message, English by default; {@link CopyAr} holds the Arabic. Each trigger type has a subject,
 * an intro and a call to action named {@code <type>Subject/Intro/Cta} so templates can ask for them by type.
 * The tone is help, not a sales pitch.
 */
@MessageBundle(value = "msg", locale = "en")
public interface Copy {

  @Message("Hi {name},")
  String greeting(String name);

  @Message("Hi there,")
  String greetingNoName();

  @Message("We've set aside {percent}% off in case it helps.")
  String offerPercent(Integer percent);

  @Message("We've set aside {amount} off in case it helps.")
  String offerAmount(String amount);

  @Message("Code: {code}")
  String couponCode(String code);

  @Message("Suggested plan: {plan}")
  String planLine(String plan);

  @Message("Next course: {course}")
  String courseLine(String course);

  @Message("The {shop} team")
  String signoff(String shop);

  @Message("You are receiving this because you have an account with {shop}.")
  String footer(String shop);

  @Message("Unsubscribe")
  String unsubscribe();

  @Message("You left something in your cart at {shop}")
  String cartAbandonedSubject(String shop);

  @Message("Your cart is saved. If anything stopped you, a question about size, delivery or payment, just reply and we will help.")
  String cartAbandonedIntro(String shop);

  @Message("Return to your cart")
  String cartAbandonedCta(String shop);

  @Message("Your cart at {shop} is still saved, but not for much longer")
  String cartAbandonedStep2Subject(String shop);

  @Message("Some of the items you chose are selling quickly and we cannot hold them much longer. If you still want them, now is a good moment, and if something is unclear, just reply.")
  String cartAbandonedStep2Intro(String shop);

  @Message("Complete my order")
  String cartAbandonedStep2Cta(String shop);

  @Message("Need a hand finishing your order at {shop}?")
  String checkoutAbandonedSubject(String shop);

  @Message("You were almost done. Your details are saved, so it only takes a moment to finish.")
  String checkoutAbandonedIntro(String shop);

  @Message("Finish my order")
  String checkoutAbandonedCta(String shop);

  @Message("Getting the most from your new order")
  String postPurchaseCrossSellSubject(String shop);

  @Message("Thank you for your order. Customers often use it with these, useful if you do not have them yet.")
  String postPurchaseCrossSellIntro(String shop);

  @Message("Take a look")
  String postPurchaseCrossSellCta(String shop);

  @Message("Often bought together with what is in your cart")
  String frequentlyBoughtTogetherSubject(String shop);

  @Message("Others who chose the same items also picked these. Worth a look before you check out.")
  String frequentlyBoughtTogetherIntro(String shop);

  @Message("See the items")
  String frequentlyBoughtTogetherCta(String shop);

  @Message("Time to restock?")
  String replenishmentDueSubject(String shop);

  @Message("Going by your last order, you may be running low. Reorder in one click so you do not run out.")
  String replenishmentDueIntro(String shop);

  @Message("Reorder")
  String replenishmentDueCta(String shop);

  @Message("Your storage is almost full")
  String storageNearFullSubject(String shop);

  @Message("You are close to your storage limit. To keep uploading without interruption, free up some space or move to a larger plan.")
  String storageNearFullIntro(String shop);

  @Message("See storage options")
  String storageNearFullCta(String shop);

  @Message("That feature is part of a higher plan")
  String planLimitHitSubject(String shop);

  @Message("You tried a feature that is not in your current plan. If you need it, here is what the upgrade includes.")
  String planLimitHitIntro(String shop);

  @Message("Compare plans")
  String planLimitHitCta(String shop);

  @Message("Your subscription ends soon")
  String subscriptionExpiringSubject(String shop);

  @Message("Your subscription is about to end. Renew now to keep your work and settings exactly as they are.")
  String subscriptionExpiringIntro(String shop);

  @Message("Renew my subscription")
  String subscriptionExpiringCta(String shop);

  @Message("Congratulations on finishing your course")
  String courseCompletedSubject(String shop);

  @Message("Well done, you finished the course. If you would like to keep going, this is a natural next step.")
  String courseCompletedIntro(String shop);

  @Message("See the next course")
  String courseCompletedCta(String shop);

  @Message("It has been a while: here is what is new at {shop}")
  String winBackSubject(String shop);

  @Message("We have not seen you in a while. Here are a few things you might like.")
  String winBackIntro(String shop);

  @Message("See what is new")
  String winBackCta(String shop);

  @Message("Your {period} report for {shop}")
  String reportSubject(String period, String shop);

  @Message("You are unsubscribed")
  String unsubscribedTitle();

  @Message("You will no longer receive these emails from {shop}.")
  String unsubscribedBody(String shop);

  @Message("Stop emails from {shop}?")
  String unsubscribeTitle(String shop);

  @Message("Yes, unsubscribe me")
  String unsubscribeConfirm();

  @Message("{total} in total")
  String itemTotal(String total);

  @Message("You are using {used} of {quota}.")
  String usage(String used, String quota);

  @Message("Your plan: {plan}")
  String currentPlan(String plan);

  @Message("{price} a month")
  String perMonth(String price);

  @Message("{price} a year")
  String perYear(String price);

  @Message("Price")
  String price();

  @Message("That is {amount} more a month than your current plan.")
  String priceDifferenceMonth(String amount);

  @Message("That is {amount} more a year than your current plan.")
  String priceDifferenceYear(String amount);

  @Message("Or pay yearly: {plan} at {price} a year saves you {saving}.")
  String yearlyAlternative(String plan, String price, String saving);

  @Message("Also available: {plan}")
  String alternativePlan(String plan);

  @Message("This offer ends {deadline}.")
  String deadline(String deadline);

  @Message("Not relevant to me")
  String notRelevant();

  @Message("Not relevant to you?")
  String notRelevantTitle();

  @Message("Yes, show me less like this")
  String notRelevantConfirm();

  @Message("Thank you")
  String notRelevantDoneTitle();

  @Message("{shop} will show you fewer offers like this one.")
  String notRelevantDoneBody(String shop);

  @Message("A step up from what you chose")
  String productUpgradeSubject(String shop);

  @Message("You picked a good one. If you want a little more, this is the better version, and the difference may be smaller than you think.")
  String productUpgradeIntro(String shop);

  @Message("See the upgrade")
  String productUpgradeCta(String shop);
}
