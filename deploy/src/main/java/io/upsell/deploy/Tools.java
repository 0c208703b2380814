package io.upsell.deploy;

/** The CLI tools that talk to a running stack, each owned by the issue that built it. */
final class Tools {

  private Tools() {}

  static int importOrders(String[] args) throws Exception {
    return invoke("io.upsell.deploy.importer.ImportCommand", args);
  }

  static int backtest(String[] args) throws Exception {
    return invoke("io.upsell.deploy.backtest.BacktestCommand", args);
  }

  // Looked up by name so the launcher builds and runs while a tool is still being written.
  private static int invoke(String className, String[] args) throws Exception {
    Class<?> tool;
    try {
      tool = Class.forName(className);
    } catch (ClassNotFoundException e) {
      System.err.println("This build has no " + className + " yet.");
      return 2;
    }
    return (int) tool.getMethod("run", String[].class).invoke(null, (Object) args);
  }
}
