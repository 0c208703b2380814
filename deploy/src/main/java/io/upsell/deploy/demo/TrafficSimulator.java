package io.upsell.deploy.demo;

/** Demo traffic: realistic sessions posted to the ingest API at a steady rate. */
final class TrafficSimulator {

  private TrafficSimulator() {}

  static void startInBackground(DemoServer.DemoSettings settings) {
    throw new UnsupportedOperationException("the traffic simulator is not built yet");
  }
}
