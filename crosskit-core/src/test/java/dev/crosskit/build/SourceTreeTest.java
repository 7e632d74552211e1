package dev.crosskit.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.crosskit.base.SpecialFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project tree with special files in it: they are skipped, never opened (a FIFO would block forever). */
class SourceTreeTest {
  @TempDir Path project;
  @TempDir Path dest;

  @Test
  void fifosAndSocketsAreSkippedWhenListingHashingAndCopying() throws Exception {
    Files.writeString(project.resolve("main.c"), "int main(void) { return 0; }\n");
    Files.createDirectories(project.resolve("sub"));
    SpecialFiles.fifo(project.resolve("sub/pipe"));
    SpecialFiles.socket(project.resolve("agent.sock"));
    Files.createSymbolicLink(project.resolve("link.c"), Path.of("main.c"));
    SourceTree tree = new SourceTree(project);

    String fingerprint = assertTimeoutPreemptively(Duration.ofSeconds(20), tree::fingerprint);
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> tree.copyTo(dest));

    assertThat(tree.files()).containsExactly(Path.of("link.c"), Path.of("main.c"));
    assertThat(dest.resolve("main.c")).hasSameTextualContentAs(project.resolve("main.c"));
    assertThat(Files.isSymbolicLink(dest.resolve("link.c"))).isTrue();
    assertThat(dest.resolve("sub/pipe")).doesNotExist();
    assertThat(dest.resolve("agent.sock")).doesNotExist();
    Files.delete(project.resolve("sub/pipe"));
    Files.delete(project.resolve("agent.sock"));
    assertThat(new SourceTree(project).fingerprint()).isEqualTo(fingerprint);
  }
}
