package dev.crosskit.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Artifacts never come from outside the build tree through a symlink: a link whose target leaves
 * the tree is refused with a line naming it, a link inside the tree is collected as a link.
 */
class ArtifactCollectorTest {
  @TempDir Path build;
  @TempDir Path outside;

  @BeforeEach
  void tree() throws Exception {
    Files.copy(Path.of("/bin/true"), build.resolve("prog")); // a real executable ELF, as a build makes one
    Files.createSymbolicLink(build.resolve("prog-link"), Path.of("prog"));
    Files.createSymbolicLink(build.resolve("lsln"), Path.of("/bin/true"));
    Files.createSymbolicLink(build.resolve("leak"), Path.of("/etc/shadow"));
    Files.copy(Path.of("/bin/true"), outside.resolve("host-tool"));
    Files.createDirectories(build.resolve("sub"));
    Files.createSymbolicLink(build.resolve("sub/escape"), build.resolve("sub").relativize(outside.resolve("host-tool")));
    Files.createSymbolicLink(build.resolve("sub/up"), Path.of("../prog"));
  }

  @Test
  void byDefaultLinksOutOfTheTreeAreRefusedAndLinksInsideKept() {
    ArtifactCollector.Found found = ArtifactCollector.find(build, List.of());
    assertThat(found.files()).containsExactly(Path.of("prog"), Path.of("prog-link"), Path.of("sub/up"));
    assertThat(found.refused()).containsExactly(
        "lsln -> /bin/true leaves the build tree: not collected",
        "sub/escape -> " + build.resolve("sub").relativize(outside.resolve("host-tool")) + " leaves the build tree: not collected");
    assertThat(ArtifactCollector.collect(build, List.of())).isEqualTo(found.files());
  }

  @Test
  void aNamedArtifactThatLinksOutIsRefusedNeverRead() {
    ArtifactCollector.Found found = ArtifactCollector.find(build, List.of("leak", "prog*"));
    assertThat(found.files()).containsExactly(Path.of("prog"), Path.of("prog-link"));
    assertThat(found.refused()).containsExactly("leak -> /etc/shadow leaves the build tree: not collected");
  }
}
