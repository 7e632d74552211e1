package dev.crosskit.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crosskit.inspect.ElfFacts.HostPath;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostPathScannerTest {
  private static final byte[] FILLER = "lib/x86/usr\0/usr/share/home/a\0-I/opt/inc\0".getBytes(StandardCharsets.US_ASCII);

  /**
   * Paths placed where the word-at-a-time scan changes gear: across an 8-byte word, across the
   * 64 KiB copy buffer, in the last bytes that no whole word covers; the section starts at an
   * odd offset so no word is aligned.
   */
  @Test
  void findsPathsWhereverTheyLieInTheSection() {
    int off = 3;
    int len = 200_003;
    byte[] file = new byte[off + len + 16];
    for (int i = 0; i < file.length; i++) {
      file[i] = FILLER[i % FILLER.length];
    }
    List<String> expected = new ArrayList<>();
    int[] at = {0, 15, 8 * 100 + 7, 65_536 - 3, 65_536 * 2 - 1, 131_072 + 8 * 4 + 6, len - 24};
    for (int i = 0; i < at.length; i++) {
      String path = (i % 2 == 0 ? "/tmp/p" : "/home/u") + i;
      place(file, off + at[i], path);
      expected.add(path);
    }
    byte[] tail = "/var/tmp/z".getBytes(StandardCharsets.US_ASCII);
    // The section's last bytes: the path ends at the section's end.
    System.arraycopy(tail, 0, file, off + len - tail.length, tail.length);
    file[off + len - tail.length - 1] = 0;
    expected.add("/var/tmp/z");

    HostPathScanner scanner = new HostPathScanner();
    scanner.scan(new ByteView(ByteBuffer.wrap(file), "test"), ".rodata", off, len);
    assertThat(scanner.found()).extracting(HostPath::path).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(scanner.found()).extracting(HostPath::where).containsOnly(".rodata");
  }

  @Test
  void aPathInsideAnotherWordIsNoHostPath() {
    byte[] file = "x\0/usr/share/home/user/a\0prefix/tmp/b\0".getBytes(StandardCharsets.US_ASCII);
    HostPathScanner scanner = new HostPathScanner();
    scanner.scan(new ByteView(ByteBuffer.wrap(file), "test"), ".rodata", 0, file.length);
    assertThat(scanner.found()).isEmpty();
  }

  private static void place(byte[] file, int at, String path) {
    byte[] b = path.getBytes(StandardCharsets.US_ASCII);
    file[at - 1] = 0;
    System.arraycopy(b, 0, file, at, b.length);
    file[at + b.length] = 0;
  }
}
