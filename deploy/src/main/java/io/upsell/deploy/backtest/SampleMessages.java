package io.upsell.deploy.backtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --samples DIR}: for the first N sample triggers of each type in the report, the message the notifier would
 * have sent, as {@code DIR/<TYPE>/<n>.html} and {@code .txt} (the email, each headed by a short list of the events
 * that fired it) and {@code .json} (the trigger, those events in full as the report carries them, and the in-app
 * prompt).
 */
final class SampleMessages {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern BODY = Pattern.compile("<body[^>]*>", Pattern.CASE_INSENSITIVE);

  private SampleMessages() {}

  /** Renders one trigger (Avro JSON) as the notifier's preview answers: html, text, inApp. */
  interface Renderer {
    JsonNode render(JsonNode trigger) throws IOException, InterruptedException;
  }

  /** Writes the samples; returns how many messages were written. */
  static int write(JsonNode report, int perType, Renderer renderer, Path dir) throws IOException,
      InterruptedException {
    int written = 0;
    JsonNode known = report.path("sourceEvents");
    for (Iterator<Map.Entry<String, JsonNode>> types = report.path("samplesByType").fields(); types.hasNext();) {
      Map.Entry<String, JsonNode> type = types.next();
      Path folder = Files.createDirectories(dir.resolve(type.getKey()));
      for (int n = 1; n <= Math.min(perType, type.getValue().size()); n++) {
        JsonNode trigger = type.getValue().get(n - 1);
        JsonNode message = renderer.render(trigger);
        ArrayNode events = JSON.createArrayNode();
        List<String> lines = new ArrayList<>();
        for (JsonNode id : trigger.path("sourceEventIds")) {
          JsonNode event = known.path(id.asText());
          if (event.isMissingNode()) {
            lines.add(id.asText() + " (not found in the replayed range)");
          } else {
            events.add(event);
            lines.add(event.path("at").asText() + " " + event.path("type").asText() + " " + id.asText() + " on "
                + event.path("topic").asText());
          }
        }
        Files.writeString(folder.resolve(n + ".html"), withEvents(message.path("html").asText(), lines));
        Files.writeString(folder.resolve(n + ".txt"), "Fired by:\n" + lines.stream().map(l -> "- " + l + "\n")
            .reduce("", String::concat) + "\n" + message.path("text").asText());
        ObjectNode saved = JSON.createObjectNode();
        saved.set("trigger", trigger);
        saved.set("sourceEvents", events);
        saved.put("language", message.path("language").asText()).put("subject", message.path("subject").asText())
            .set("inApp", message.path("inApp"));
        Files.writeString(folder.resolve(n + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(saved));
        written++;
      }
    }
    return written;
  }

  // The list goes first inside the body, so the file still opens as the email it shows.
  private static String withEvents(String html, List<String> lines) {
    StringBuilder list = new StringBuilder("<aside class=\"backtest-sample\"><p>Backtest sample, fired by:</p><ul>");
    lines.forEach(line -> list.append("<li>").append(escape(line)).append("</li>"));
    list.append("</ul></aside>");
    Matcher body = BODY.matcher(html);
    return body.find() ? html.substring(0, body.end()) + list + html.substring(body.end()) : list + html;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
