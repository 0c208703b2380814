package io.upsell.deploy.launcher;

import io.upsell.deploy.backtest.BacktestCommand;
import io.upsell.deploy.importer.ImportCommand;

/** The CLI tools that talk to a running stack: each returns the process exit code. */
final class Tools {

  private Tools() {}

  static int importOrders(String[] args) throws Exception {
    return ImportCommand.run(args);
  }

  static int backtest(String[] args) throws Exception {
    return BacktestCommand.run(args);
  }
}
