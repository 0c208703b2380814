package io.upsell.notifier.template;

/**
 * How a shop's emails look and who they are from: sender name, reply-to address, logo, colours and the footer with
 * the postal address marketing law asks for. Any part may be null; the layout then uses its own.
 *
 * @param primaryColour the button and link colour, {@code #rrggbb}
 * @param backgroundColour the page colour around the message, {@code #rrggbb}
 */
public record Brand(String senderName, String replyTo, String logoUrl, String primaryColour,
    String backgroundColour, String footer) {

  public static final Brand NONE = new Brand(null, null, null, null, null, null);

  public String button() {
    return primaryColour != null ? primaryColour : "#2563eb";
  }

  public String background() {
    return backgroundColour != null ? backgroundColour : "#f3f4f6";
  }
}
