package dev.crosskit.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildSystemFactsTest {
  @TempDir Path build;

  private void introspection(String targets) throws Exception {
    Path info = Files.createDirectories(build.resolve("meson-info"));
    Files.writeString(info.resolve("intro-tests.json"), "[]");
    Files.writeString(info.resolve("intro-targets.json"), targets);
  }

  /** Meson names the compile cache in front of the compiler: the program is still the target's. */
  @Test
  void aTargetCompiledThroughCcacheIsADeliverable() throws Exception {
    introspection("""
        [{"filename": ["%1$s/calc-cli"], "target_sources": [{"compiler": ["/usr/bin/ccache", "/usr/bin/clang", "-target", "arm64-apple-macos"]}]},
         {"filename": ["%1$s/gen"], "target_sources": [{"compiler": ["/usr/bin/ccache", "/usr/bin/cc"]}]}]
        """.formatted(build.toAbsolutePath()));
    assertThat(BuildSystemFacts.mesonNotDeliverables(build, List.of("/usr/bin/clang", "clang")))
        .containsExactly(Path.of("gen"));
  }
}
