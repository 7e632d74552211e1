package dev.crosskit.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.SpecialFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO, a device or a socket where a binary or a policy file is expected: refused at once as
 * "not a regular file" (opening a FIFO blocks; /dev/zero never ends), and a huge policy file is
 * refused by its size, never read into memory.
 */
class SpecialFileInputTest {
  @TempDir Path dir;

  @Test
  void inspectRefusesFifosDevicesAndSockets() throws Exception {
    Path fifo = SpecialFiles.fifo(dir.resolve("fifo"));
    Path socket = SpecialFiles.socket(dir.resolve("sock"));
    for (Path p : new Path[] {fifo, Path.of("/dev/zero"), Path.of("/dev/null"), socket}) {
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> Inspector.inspect(p))
          .isInstanceOf(BadInputException.class).hasMessage(p + ": not a regular file (a FIFO, device or socket)"));
      assertThat(assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Inspector.detect(p))).isEmpty();
    }
  }

  @Test
  void aPolicyMustBeARegularFileOfSaneSize() throws Exception {
    Path fifo = SpecialFiles.fifo(dir.resolve("policy.toml"));
    for (Path p : new Path[] {fifo, Path.of("/dev/zero")}) {
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> PolicyFile.read(p))
          .isInstanceOf(BadInputException.class).hasMessageContaining(p + ": not a regular file"));
    }
    assertThatThrownBy(() -> PolicyFile.read(dir.resolve("missing.toml")))
        .isInstanceOf(BadInputException.class).hasMessageContaining("missing.toml: no such file");
    Path huge = dir.resolve("huge.toml");
    try (var ch = java.nio.channels.FileChannel.open(huge, java.nio.file.StandardOpenOption.CREATE_NEW,
        java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {'#'}), 4L << 30); // sparse: 4 GiB that take no disk
    }
    assertThatThrownBy(() -> PolicyFile.read(huge)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("huge.toml").hasMessageContaining("larger than");
    assertThat(Files.size(huge)).isGreaterThan(1L << 32);
  }
}
