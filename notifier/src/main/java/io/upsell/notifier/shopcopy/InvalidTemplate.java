package io.upsell.notifier.shopcopy;

/** A template part refused: which part, where in it (1-based line and column) and why. */
public class InvalidTemplate extends RuntimeException {

  private final String part;
  private final int line;
  private final int column;

  public InvalidTemplate(String part, int line, int column, String reason) {
    super(reason, null, false, false);
    this.part = part;
    this.line = line;
    this.column = column;
  }

  public String part() {
    return part;
  }

  /** "line 2, column 7: unknown variable offer.cod" */
  public String reason() {
    return "line " + line + ", column " + column + ": " + getMessage();
  }
}
