package io.upsell.deploy.backtest;

import static io.upsell.deploy.backtest.EarningsTableTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files --samples writes, from a fixed rendered answer (the rendering itself: notifier's TriggerPreviewTest). */
class SampleMessagesTest {

  @TempDir
  Path dir;

  private final List<String> rendered = new ArrayList<>();

  private JsonNode render(JsonNode trigger) {
    String id = trigger.path("triggerId").asText();
    rendered.add(id);
    return json("{\"language\":\"en\",\"subject\":\"Subject " + id + "\",\"html\":\"<p>Hi " + id + "</p>\","
        + "\"text\":\"Hi " + id + "\",\"inApp\":{\"title\":\"Title " + id + "\"}}");
  }

  @Test
  void theEventsListGoesInsideTheBodyOfAWholePage() throws IOException, InterruptedException {
    JsonNode report = json("{\"samplesByType\":{\"WIN_BACK\":[{\"triggerId\":\"w1\",\"sourceEventIds\":[\"o1\"]}]},"
        + "\"sourceEvents\":{\"o1\":{\"topic\":\"shop.orders\",\"at\":\"2010-12-01T08:26:00Z\",\"type\":\"OrderEvent\"}}}");

    SampleMessages.write(report, 1, t -> json("{\"html\":\"<html><body style=\\\"x\\\"><p>Hi</p></body></html>\"}"), dir);

    assertThat(Files.readString(dir.resolve("WIN_BACK/1.html"))).startsWith("<html><body style=\"x\"><aside")
        .endsWith("</aside><p>Hi</p></body></html>");
  }

  @Test
  void writesUpToNMessagesPerTypeWithTheirTriggers() throws IOException, InterruptedException {
    JsonNode report = json("{\"samplesByType\":{"
        + "\"CART_ABANDONED\":[{\"triggerId\":\"c1\",\"sourceEventIds\":[\"e1\"]},{\"triggerId\":\"c2\"},"
        + "{\"triggerId\":\"c3\"}],\"WIN_BACK\":[{\"triggerId\":\"w1\",\"sourceEventIds\":[\"o1\"]}]},"
        + "\"sourceEvents\":{\"e1\":{\"topic\":\"shop.carts\",\"at\":\"2010-12-01T08:26:00Z\","
        + "\"type\":\"CartEvent\",\"event\":{\"eventId\":\"e1\",\"cartId\":\"k9\"}}}}");

    int written = SampleMessages.write(report, 2, this::render, dir);

    assertThat(written).isEqualTo(3);
    assertThat(rendered).containsExactly("c1", "c2", "w1");
    assertThat(Files.readString(dir.resolve("CART_ABANDONED/1.html"))).startsWith("<aside class=\"backtest-sample\">")
        .contains("<li>2010-12-01T08:26:00Z CartEvent e1 on shop.carts</li>").endsWith("<p>Hi c1</p>");
    assertThat(Files.readString(dir.resolve("CART_ABANDONED/1.txt")))
        .isEqualTo("Fired by:\n- 2010-12-01T08:26:00Z CartEvent e1 on shop.carts\n\nHi c1");
    assertThat(Files.readString(dir.resolve("CART_ABANDONED/2.txt"))).isEqualTo("Fired by:\n\nHi c2");
    assertThat(dir.resolve("CART_ABANDONED/3.html")).doesNotExist();
    assertThat(Files.readString(dir.resolve("WIN_BACK/1.txt"))).contains("- o1 (not found in the replayed range)");
    JsonNode saved = json(Files.readString(dir.resolve("CART_ABANDONED/1.json")));
    assertThat(saved.path("trigger").path("sourceEventIds").get(0).asText()).isEqualTo("e1");
    assertThat(saved.path("sourceEvents").get(0).path("event").path("cartId").asText()).isEqualTo("k9");
    assertThat(saved.path("subject").asText()).isEqualTo("Subject c1");
    assertThat(saved.path("inApp").path("title").asText()).isEqualTo("Title c1");
  }
}
