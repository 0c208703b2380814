package io.upsell.deploy.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * {@code --samples DIR}: for the first N sample triggers of each type in the report, the message the notifier would
 * have sent, as {@code DIR/<TYPE>/<n>.html} and {@code .txt} (the email) and {@code .json} (the trigger, whose
 * {@code sourceEventIds} name the events that fired it, and the in-app prompt).
 */
final class SampleMessages {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleMessages() {}

  /** Renders one trigger (Avro JSON) as the notifier's preview answers: html, text, inApp. */
  interface Renderer {
    JsonNode render(JsonNode trigger) throws IOException, InterruptedException;
  }

  /** Writes the samples; returns how many messages were written. */
  static int write(JsonNode report, int perType, Renderer renderer, Path dir) throws IOException,
      InterruptedException {
    int written = 0;
    for (Iterator<Map.Entry<String, JsonNode>> types = report.path("samplesByType").fields(); types.hasNext();) {
      Map.Entry<String, JsonNode> type = types.next();
      Path folder = Files.createDirectories(dir.resolve(type.getKey()));
      for (int n = 1; n <= Math.min(perType, type.getValue().size()); n++) {
        JsonNode trigger = type.getValue().get(n - 1);
        JsonNode message = renderer.render(trigger);
        Files.writeString(folder.resolve(n + ".html"), message.path("html").asText());
        Files.writeString(folder.resolve(n + ".txt"), message.path("text").asText());
        Files.writeString(folder.resolve(n + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
            JSON.createObjectNode().<com.fasterxml.jackson.databind.node.ObjectNode>set("trigger", trigger)
                .put("language", message.path("language").asText()).put("subject", message.path("subject").asText())
                .set("inApp", message.path("inApp"))));
        written++;
      }
    }
    return written;
  }
}
