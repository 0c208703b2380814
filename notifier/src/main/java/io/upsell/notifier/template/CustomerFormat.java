package io.upsell.notifier.template;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DecimalStyle;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * How numbers, money and times read to one customer: in their language and their time zone, e.g. £24.99 or
 * ٢٤٫٩٩ US$, "14 March 2026, 18:00 GMT" for en-GB. A currency code the JDK does not know is shown as the code beside the
 * amount rather than refusing the message.
 */
public record CustomerFormat(String localeTag, ZoneId zone) {

  public Locale locale() {
    return Locale.forLanguageTag(localeTag);
  }

  /** Minor units as money. */
  public String money(long minor, String currencyCode) {
    Currency currency;
    try {
      currency = Currency.getInstance(currencyCode);
    } catch (IllegalArgumentException | NullPointerException e) {
      return number(minor) + " " + currencyCode;
    }
    NumberFormat format = NumberFormat.getCurrencyInstance(locale());
    format.setCurrency(currency);
    return format.format(BigDecimal.valueOf(minor).movePointLeft(Math.max(0, currency.getDefaultFractionDigits())));
  }

  /** A whole number with the language's digits and grouping, e.g. 1,000. */
  public String number(long value) {
    return NumberFormat.getIntegerInstance(locale()).format(value);
  }

  /** A date and time with the zone it is read in, so a deadline is never ambiguous. */
  public String dateTime(Instant instant) {
    // The language's digits, as in its prices: the JDK's date formats print ASCII digits unless told.
    var dateTime = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(locale())
        .withDecimalStyle(DecimalStyle.of(locale())).withZone(zone);
    var zoneName = DateTimeFormatter.ofPattern("zzz", locale()).withZone(zone);
    return dateTime.format(instant) + " " + zoneName.format(instant);
  }
}
