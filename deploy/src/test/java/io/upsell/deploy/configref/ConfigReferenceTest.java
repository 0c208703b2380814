package io.upsell.deploy.configref;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigReferenceTest {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  @Test
  void committedPageListsEverySettingAsTheServicesLoadIt() throws IOException {
    assertThat(Files.readString(REPO.resolve(ConfigReference.PAGE)))
        .as("docs/config.md is stale; regenerate it (see ConfigReference)")
        .isEqualTo(ConfigReference.page(REPO));
  }

  @Test
  void everySettingSaysWhatItMeans() throws IOException {
    for (String source : ConfigReference.SOURCES) {
      for (ConfigReference.Setting setting : ConfigReference.settings(Files.readAllLines(REPO.resolve(source)))) {
        assertThat(setting.meaning()).as(source + ": " + setting.key()).isNotBlank();
      }
    }
  }

  @Test
  void aCommentBelongsToTheKeysRightBelowIt() {
    var settings = ConfigReference.settings(
        List.of("# the port", "a.port=1", "a.host=h", "", "b=2", "# x", "# y", "c=3", "# z", "d=4"));
    assertThat(settings).extracting(ConfigReference.Setting::meaning)
        .containsExactly("the port", "the port", "", "x y", "z");
  }
}
