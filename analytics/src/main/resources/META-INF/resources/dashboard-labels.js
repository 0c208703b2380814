// The dashboard's words per language. The English of the static labels is the page's own text (index.html), read
// at load; here only what the script writes itself, and every label in the other languages (by data-i18n key).
window.DashboardLabels = {
  en: {
    csv: 'CSV', xlsx: 'XLSX', updated: 'Updated', live: 'live every 4 s', failed: 'Could not load:',
    previousPeriod: 'Period before', newCustomers: 'new'
  },
  ar: {
    title: 'تحليلات العروض الإضافية', shop: 'المتجر', apiKey: 'مفتاح API', from: 'من', to: 'إلى (شاملًا)',
    per: 'لكل', day: 'يوم', week: 'أسبوع', month: 'شهر', hour: 'ساعة',
    pick: 'اختر متجرًا وأدخل مفتاح API الخاص به.',
    gross: 'إجمالي الإيرادات', net: 'صافي الإيرادات', orders: 'الطلبات', aov: 'متوسط قيمة الطلب',
    conversion: 'التحويل', customers: 'العملاء', netVsPrevious: 'صافي الإيرادات والفترة السابقة',
    conversionRate: 'معدل التحويل', growth: 'النمو', period: 'الفترة', previousPeriod: 'الفترة السابقة',
    vsPrevious: 'مقارنة بالفترة السابقة', yearBefore: 'قبل سنة', vsYearBefore: 'مقارنة بالسنة السابقة',
    ordersVsPrevious: 'الطلبات مقارنة بالفترة السابقة', funnel: 'مسار العروض', trigger: 'المحفّز',
    variant: 'النسخة', decided: 'تقرّر', suppressed: 'أوقف', sent: 'أرسل', unknown: 'غير معروف', delivered: 'سلّم', opened: 'فتح',
    clicked: 'نقر', converted: 'اشترى', revenue: 'الإيرادات', notRelevant: 'غير ملائم',
    codesRedeemed: 'الرموز المستخدمة', redeemedRevenue: 'إيرادات الرموز', bestHour: 'أفضل ساعة للإرسال:',
    attributionLift: 'الإسناد والأثر', attributed: 'الإيرادات المنسوبة:', ofGross: 'من الإجمالي',
    treated: 'تحويل المستهدفين', vsHoldout: 'مقابل المجموعة الضابطة', lift: 'الأثر',
    topProducts: 'أفضل المنتجات', product: 'المنتج', units: 'الوحدات', system: 'النظام', service: 'الخدمة',
    state: 'الحالة', lag: 'التأخر', lastError: 'آخر خطأ',
    csv: 'تنزيل CSV', xlsx: 'تنزيل Excel', updated: 'حُدّث', live: 'يتجدد كل 4 ثوانٍ', failed: 'تعذّر التحميل:',
    newCustomers: 'جدد'
  }
};
