package io.upsell.notifier.template;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The Arabic words of every message, written for a reader, not translated word by word. */
@Localized("ar")
public interface CopyAr extends Copy {

  @Override
  @Message("مرحبًا {name}،")
  String greeting(String name);

  @Override
  @Message("مرحبًا،")
  String greetingNoName();

  @Override
  @Message("خصّصنا لك خصمًا بنسبة {percent}٪ إن كان ذلك يساعدك.")
  String offerPercent(Integer percent);

  @Override
  @Message("خصّصنا لك خصمًا بقيمة {amount} إن كان ذلك يساعدك.")
  String offerAmount(String amount);

  @Override
  @Message("الرمز: {code}")
  String couponCode(String code);

  @Override
  @Message("الخطة المقترحة: {plan}")
  String planLine(String plan);

  @Override
  @Message("الدورة التالية: {course}")
  String courseLine(String course);

  @Override
  @Message("فريق {shop}")
  String signoff(String shop);

  @Override
  @Message("تصلك هذه الرسالة لأن لديك حسابًا لدى {shop}.")
  String footer(String shop);

  @Override
  @Message("إلغاء الاشتراك")
  String unsubscribe();

  @Override
  @Message("تركتَ بعض المنتجات في سلتك لدى {shop}")
  String cartAbandonedSubject(String shop);

  @Override
  @Message("سلتك محفوظة كما تركتها. إن كان هناك ما أوقفك، كسؤال عن المقاس أو التوصيل أو الدفع، فما عليك إلا الرد على هذه الرسالة وسنساعدك.")
  String cartAbandonedIntro(String shop);

  @Override
  @Message("العودة إلى سلتك")
  String cartAbandonedCta(String shop);

  @Override
  @Message("سلتك لدى {shop} ما زالت محفوظة، لكن ليس لوقت طويل")
  String cartAbandonedStep2Subject(String shop);

  @Override
  @Message("بعض المنتجات التي اخترتها تنفد بسرعة، ولا يمكننا حجزها لك مدة أطول. إن كنت ما زلت ترغب فيها فهذا وقت مناسب، وإن كان هناك ما يحتاج إلى توضيح فما عليك إلا الرد على هذه الرسالة.")
  String cartAbandonedStep2Intro(String shop);

  @Override
  @Message("أكمل طلبي")
  String cartAbandonedStep2Cta(String shop);

  @Override
  @Message("هل تحتاج إلى مساعدة لإتمام طلبك لدى {shop}؟")
  String checkoutAbandonedSubject(String shop);

  @Override
  @Message("كنتَ على وشك الانتهاء. بياناتك محفوظة، فلن يستغرق إتمام الطلب سوى لحظة.")
  String checkoutAbandonedIntro(String shop);

  @Override
  @Message("إتمام طلبي")
  String checkoutAbandonedCta(String shop);

  @Override
  @Message("لتستفيد أكثر من طلبك الجديد")
  String postPurchaseCrossSellSubject(String shop);

  @Override
  @Message("شكرًا على طلبك. كثيرًا ما يستخدم عملاؤنا معه هذه المنتجات، وقد تفيدك إن لم تكن لديك بعد.")
  String postPurchaseCrossSellIntro(String shop);

  @Override
  @Message("ألقِ نظرة")
  String postPurchaseCrossSellCta(String shop);

  @Override
  @Message("منتجات تُشترى عادةً مع ما في سلتك")
  String frequentlyBoughtTogetherSubject(String shop);

  @Override
  @Message("من اختاروا المنتجات نفسها اختاروا معها هذه أيضًا. قد تستحق نظرة قبل إتمام الشراء.")
  String frequentlyBoughtTogetherIntro(String shop);

  @Override
  @Message("عرض المنتجات")
  String frequentlyBoughtTogetherCta(String shop);

  @Override
  @Message("هل حان وقت إعادة الطلب؟")
  String replenishmentDueSubject(String shop);

  @Override
  @Message("بحسب طلبك الأخير، ربما أوشك ما لديك على النفاد. أعد الطلب بنقرة واحدة حتى لا ينفد منك.")
  String replenishmentDueIntro(String shop);

  @Override
  @Message("إعادة الطلب")
  String replenishmentDueCta(String shop);

  @Override
  @Message("مساحة التخزين لديك على وشك الامتلاء")
  String storageNearFullSubject(String shop);

  @Override
  @Message("اقتربتَ من الحد الأقصى لمساحة التخزين. لتواصل الرفع دون انقطاع، يمكنك إفراغ بعض المساحة أو الانتقال إلى خطة أكبر.")
  String storageNearFullIntro(String shop);

  @Override
  @Message("عرض خيارات التخزين")
  String storageNearFullCta(String shop);

  @Override
  @Message("هذه الميزة متاحة في خطة أعلى")
  String planLimitHitSubject(String shop);

  @Override
  @Message("حاولتَ استخدام ميزة غير متاحة في خطتك الحالية. إن كنت تحتاج إليها، فهذا ما تتضمنه الترقية.")
  String planLimitHitIntro(String shop);

  @Override
  @Message("مقارنة الخطط")
  String planLimitHitCta(String shop);

  @Override
  @Message("اشتراكك ينتهي قريبًا")
  String subscriptionExpiringSubject(String shop);

  @Override
  @Message("اشتراكك على وشك الانتهاء. جدّده الآن لتبقى أعمالك وإعداداتك كما هي تمامًا.")
  String subscriptionExpiringIntro(String shop);

  @Override
  @Message("تجديد اشتراكي")
  String subscriptionExpiringCta(String shop);

  @Override
  @Message("تهانينا على إتمام الدورة")
  String courseCompletedSubject(String shop);

  @Override
  @Message("أحسنت، لقد أتممتَ الدورة. إن رغبت في المواصلة، فهذه خطوة تالية مناسبة.")
  String courseCompletedIntro(String shop);

  @Override
  @Message("عرض الدورة التالية")
  String courseCompletedCta(String shop);

  @Override
  @Message("افتقدناك منذ مدة: إليك الجديد لدى {shop}")
  String winBackSubject(String shop);

  @Override
  @Message("لم نرك منذ مدة. إليك بعض ما قد يعجبك.")
  String winBackIntro(String shop);

  @Override
  @Message("اكتشف الجديد")
  String winBackCta(String shop);

  @Override
  @Message("تقرير {period} لمتجر {shop}")
  String reportSubject(String period, String shop);

  @Override
  @Message("تم إلغاء اشتراكك")
  String unsubscribedTitle();

  @Override
  @Message("لن تصلك هذه الرسائل من {shop} بعد الآن.")
  String unsubscribedBody(String shop);

  @Override
  @Message("هل تريد إيقاف رسائل {shop}؟")
  String unsubscribeTitle(String shop);

  @Override
  @Message("نعم، ألغِ اشتراكي")
  String unsubscribeConfirm();

  @Override
  @Message("المجموع {total}")
  String itemTotal(String total);

  @Override
  @Message("تستخدم {used} من {quota}.")
  String usage(String used, String quota);

  @Override
  @Message("خطتك الحالية: {plan}")
  String currentPlan(String plan);

  @Override
  @Message("{price} شهريًا")
  String perMonth(String price);

  @Override
  @Message("{price} سنويًا")
  String perYear(String price);

  @Override
  @Message("السعر")
  String price();

  @Override
  @Message("أي بزيادة {amount} شهريًا عن خطتك الحالية.")
  String priceDifferenceMonth(String amount);

  @Override
  @Message("أي بزيادة {amount} سنويًا عن خطتك الحالية.")
  String priceDifferenceYear(String amount);

  @Override
  @Message("أو ادفع سنويًا: {plan} بسعر {price} في السنة، فتوفّر {saving}.")
  String yearlyAlternative(String plan, String price, String saving);

  @Override
  @Message("متاح أيضًا: {plan}")
  String alternativePlan(String plan);

  @Override
  @Message("ينتهي هذا العرض في {deadline}.")
  String deadline(String deadline);

  @Override
  @Message("غير مهم لي")
  String notRelevant();

  @Override
  @Message("هل هذا العرض غير مهم لك؟")
  String notRelevantTitle();

  @Override
  @Message("نعم، اعرضوا عليّ أقل من هذا")
  String notRelevantConfirm();

  @Override
  @Message("شكرًا لك")
  String notRelevantDoneTitle();

  @Override
  @Message("سيعرض عليك {shop} عروضًا أقل من هذا النوع.")
  String notRelevantDoneBody(String shop);

  @Override
  @Message("خطوة أعلى مما اخترت")
  String productUpgradeSubject(String shop);

  @Override
  @Message("اخترت منتجًا جيدًا. وإن أردت المزيد، فهذه هي النسخة الأفضل منه، وقد يكون الفرق أقل مما تتوقع.")
  String productUpgradeIntro(String shop);

  @Override
  @Message("عرض الترقية")
  String productUpgradeCta(String shop);
}
