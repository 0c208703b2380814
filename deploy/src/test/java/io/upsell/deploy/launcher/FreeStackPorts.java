package io.upsell.deploy.launcher;

import io.upsell.testkit.ServiceProcess;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every role of the stack on its own free port (test-kit's rule: below the OS ephemeral range), for test stacks. */
public final class FreeStackPorts {

  private FreeStackPorts() {}

  public static StackPorts draw() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (String role : StackPorts.DEFAULTS.keySet()) {
      int port;
      do {
        port = ServiceProcess.freePort();
      } while (ports.containsValue(port));
      ports.put(role, port);
    }
    return new StackPorts(ports);
  }
}
