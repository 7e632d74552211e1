package dev.crosskit.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.crosskit.base.Json;
import dev.crosskit.base.UserException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Truncated, bit-flipped and hand-corrupted binaries: the only exception that may escape
 * {@link Inspector} is {@link UserException} (not-a-binary or malformed), nothing hangs, and the
 * facts of whatever still parses can be written as JSON. The timeouts are hang guards, not
 * performance assertions.
 */
@Tag("integration")
class RobustnessTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(90);

  private static List<Path> samples() {
    Fixtures fx = Fixtures.get();
    return List.of(fx.elf.get("x86-pie"), fx.elf.get("a64-pie"), fx.elf.get("armhf"), fx.elf.get("rv64-pie"),
        fx.elf.get("x86-cxx"), fx.elf.get("armv6.o"), fx.pe.get("win.exe"), fx.macho.get("mac-fat"),
        fx.macho.get("mac-x86_64"));
  }

  /** Inspects bytes; returns normally for facts or a UserException, fails the test for anything else. */
  private static void survive(String label, byte[] bytes, int len) {
    try {
      BinaryFacts f = Inspector.inspect(label, ByteBuffer.wrap(bytes, 0, len).slice());
      Json.write(f);
    } catch (UserException expected) {
      assertThat(expected.getMessage()).as(label).isNotBlank().doesNotContain("\n");
      assertNoSafetyNet(label, expected);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError(label + ": " + e, e);
    }
  }

  @Test
  void everyPrefixTruncation() {
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      int cases = 0;
      for (Path p : samples()) {
        byte[] bytes = Files.readAllBytes(p);
        // Every prefix of files up to 64 KiB; larger ones every prefix in the first 8 KiB
        // (headers, load commands) and then a stride that still gives ~8000 cuts.
        int stride = bytes.length <= 65536 ? 1 : Math.max(1, bytes.length / 8000);
        for (int len = 0; len < bytes.length; len += len < 8192 ? 1 : stride) {
          survive(p.getFileName() + "[0," + len + ")", bytes, len);
          cases++;
        }
      }
      assertThat(cases).isGreaterThan(50_000);
    });
  }

  @Test
  void truncatedBinariesSaySo() throws Exception {
    byte[] bytes = Files.readAllBytes(Fixtures.get().elf.get("a64-pie"));
    assertThatThrownBy(() -> Inspector.inspect("cut", ByteBuffer.wrap(bytes, 0, bytes.length / 2).slice()))
        .isInstanceOf(MalformedBinaryException.class).hasMessageContaining("truncated");
    assertThatThrownBy(() -> Inspector.inspect("cut", ByteBuffer.wrap(bytes, 0, 40).slice()))
        .isInstanceOf(MalformedBinaryException.class);
  }

  @Test
  void thousandsOfSeededRandomByteFlips() {
    assertTimeoutPreemptively(HANG_GUARD, () -> {
      Random random = new Random(20261121L);
      int parsed = 0;
      int rejected = 0;
      for (Path p : samples()) {
        byte[] original = Files.readAllBytes(p);
        for (int c = 0; c < 1500; c++) {
          byte[] b = original.clone();
          int flips = 1 + random.nextInt(8);
          for (int i = 0; i < flips; i++) {
            // Half the flips land in the first 4 KiB, where headers and tables live.
            int at = random.nextBoolean() ? random.nextInt(Math.min(4096, b.length)) : random.nextInt(b.length);
            b[at] ^= (byte) (1 + random.nextInt(255));
          }
          try {
            Json.write(Inspector.inspect(p.getFileName() + "#" + c, ByteBuffer.wrap(b)));
            parsed++;
          } catch (UserException expected) {
            assertNoSafetyNet(p.getFileName() + " flip case " + c, expected);
            rejected++;
          } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError(p.getFileName() + " flip case " + c + ": " + e, e);
          }
        }
      }
      assertThat(parsed + rejected).isEqualTo(samples().size() * 1500);
      assertThat(parsed).as("most single-byte damage leaves a parseable file").isGreaterThan(rejected);
    });
  }

  @Test
  void hugeCountsAndOffsetsInHeaders() throws Exception {
    byte[] elf = Files.readAllBytes(Fixtures.get().elf.get("x86-pie"));
    assertMalformed(patch(elf, b -> b.putLong(32, Long.MAX_VALUE)), "program header table");
    assertMalformed(patch(elf, b -> b.putShort(56, (short) 0xffff)), "program header");
    assertMalformed(patch(elf, b -> b.putLong(40, 0x7fff_ffff_0000L)), "section header table");
    assertMalformed(patch(elf, b -> b.putShort(60, (short) 0xffff)), "section header table");
    assertMalformed(patch(elf, b -> b.putShort(54, (short) 1)), "program header size");
    // A program header whose segment claims 2^62 bytes.
    long phoff = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN).getLong(32);
    assertMalformed(patch(elf, b -> b.putLong((int) phoff + 32, 1L << 62)), "segment");

    byte[] pe = Files.readAllBytes(Fixtures.get().pe.get("win.exe"));
    assertMalformed(patch(pe, b -> b.putInt(0x3c, 0x7ffffff0)), "PE header");
    int peOff = ByteBuffer.wrap(pe).order(ByteOrder.LITTLE_ENDIAN).getInt(0x3c);
    assertMalformed(patch(pe, b -> b.putShort(peOff + 6, (short) 0xffff)), "sections");

    byte[] macho = Files.readAllBytes(Fixtures.get().macho.get("mac-x86_64"));
    assertMalformed(patch(macho, b -> b.putInt(16, 0x7fffffff)), "load commands");
    byte[] fat = Files.readAllBytes(Fixtures.get().macho.get("mac-fat"));
    assertMalformed(patchBig(fat, b -> b.putInt(8 + 8, 0x7fff0000)), "fat slice");

    // Tiny files with a valid magic and nothing else.
    for (byte[] head : List.of(new byte[] {0x7f, 'E', 'L', 'F'}, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1},
        new byte[] {'M', 'Z'}, new byte[] {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe},
        new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 2})) {
      assertThatThrownBy(() -> Inspector.inspect("tiny", ByteBuffer.wrap(head)))
          .isInstanceOf(MalformedBinaryException.class);
    }
    Path empty = Files.createTempFile("crosskit-empty", "");
    try {
      assertThatThrownBy(() -> Inspector.inspect(empty)).isInstanceOf(NotABinaryException.class);
    } finally {
      Files.delete(empty);
    }
  }

  /** The reader checks bounds itself: Inspector's catch-all for runtime exceptions must never be what stops a parse. */
  private static void assertNoSafetyNet(String label, UserException e) {
    assertThat(e.getMessage()).as(label).doesNotContainPattern("\\((\\w+Exception|\\w+Error)\\b");
  }

  private interface Patch {
    void apply(ByteBuffer b);
  }

  private static byte[] patch(byte[] original, Patch p) {
    byte[] b = original.clone();
    p.apply(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN));
    return b;
  }

  private static byte[] patchBig(byte[] original, Patch p) {
    byte[] b = original.clone();
    p.apply(ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN));
    return b;
  }

  private static void assertMalformed(byte[] bytes, String mentions) {
    assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
        assertThatThrownBy(() -> Inspector.inspect("patched", ByteBuffer.wrap(bytes)))
            .isInstanceOf(MalformedBinaryException.class).hasMessageContaining(mentions));
  }
}
