package io.upsell.deploy.launcher;

import io.upsell.deploy.backtest.BacktestCommand;
import io.upsell.deploy.backtest.StackUrls;
import io.upsell.deploy.importer.ImportCommand;
import java.net.URI;

/** The CLI tools that talk to a running stack: each returns the process exit code. */
final class Tools {

  private Tools() {}

  static int importOrders(String[] args) throws Exception {
    return ImportCommand.run(args);
  }

  /** The running stack's ports (else those {@code UPSELL_<ROLE>_PORT} would give) are where backtest looks. */
  static int backtest(String[] args, Stack stack) throws Exception {
    StackPorts ports = stack.isRunning() ? stack.ports() : StackPorts.fromEnv(System::getenv);
    return BacktestCommand.run(args, new StackUrls(url(ports, "trigger-engine"), url(ports, "notifier")));
  }

  private static URI url(StackPorts ports, String service) {
    return URI.create(Services.baseUrl(ports, service));
  }
}
