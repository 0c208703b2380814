package io.upsell.notifier.state;

/** The notifier's state stores: per customer, co-partitioned with upsell.triggers, and shop-wide global tables. */
public final class StoreNames {

  /** crm.customers by customer key: the latest profile (address, name, language, zone). */
  public static final String PROFILES = "profiles";
  /** Customer key → why email to them stopped (unsubscribed, bounced, complained). */
  public static final String HARD_STOPS = "hard-stops";
  /** triggerId/CHANNEL → the claim written before the send. */
  public static final String CLAIMS = "send-claims";
  /** triggerId/CHANNEL → the published outcome. */
  public static final String OUTCOMES = "send-outcomes";
  /** Topic name → the last offset of this partition of notify.ledger / notify.deliveries the stores hold. */
  public static final String LEDGER_POSITIONS = "ledger-positions";
  /** shopId:customerId NUL messageId → the latest snapshot of the message and its offset (bounded per customer). */
  public static final String INBOX = "inbox";
  /** Zero-padded due millis NUL inbox key → inbox key: in-app prompts to email if still unseen by then. */
  public static final String FALLBACK_TIMERS = "fallback-timers";
  /** triggerId/CHANNEL → a send waiting to be tried again (SendRetry): the retry schedule, with its timers. */
  public static final String RETRIES = "send-retries";
  /** Zero-padded due millis NUL triggerId/CHANNEL → triggerId/CHANNEL: when each scheduled send is due. */
  public static final String RETRY_TIMERS = "retry-timers";
  /** Report id → the claim of a mailed KPI report. */
  public static final String REPORTS = "mailed-reports";
  /** Global: upsell.rules by shop. */
  public static final String RULES = "shop-rules";
  /** Global: notify.templates by shopId:TYPE:CHANNEL:language. */
  public static final String TEMPLATES = "shop-templates";
  /** Global: notify.brands by shop. */
  public static final String BRANDS = "shop-brands";
  /** Global: catalog.products by shopId:productId. */
  public static final String CATALOG = "catalog";

  private StoreNames() {}

  static String ledgerKey(String triggerId, Object channel) {
    return triggerId + "/" + channel;
  }
}
