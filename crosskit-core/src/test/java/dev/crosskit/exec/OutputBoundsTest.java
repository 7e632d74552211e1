package dev.crosskit.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process's output goes whole to its log file; what crosskit keeps in memory is bounded in lines
 * and in bytes, so neither a flood of lines nor one endless line can grow the heap, and the
 * timeout holds whatever the output.
 */
class OutputBoundsTest {
  private static final int MB = 1 << 20;
  @TempDir Path dir;
  private final ProcessRunner runner = new ProcessRunner();

  @Test
  void theTailKeepsTheLastLinesWithinItsBytes() throws IOException {
    OutputTail tail = new OutputTail(3, 64);
    tail.write("one\ntwo\nthree\nfour\n".getBytes(StandardCharsets.UTF_8));
    assertThat(tail.text()).isEqualTo("two\nthree\nfour");
    byte[] longLine = new byte[5 * MB];
    java.util.Arrays.fill(longLine, (byte) 'x');
    tail.write(longLine);
    tail.write("\nlast".getBytes(StandardCharsets.UTF_8));
    assertThat(tail.text()).isEqualTo("[" + (19 + 5 * MB + 5 - 64) + " earlier bytes] " + "x".repeat(59) + "\nlast");
  }

  @Test
  void linesReachTheReaderCutToABoundAndNotAfterClose() throws IOException {
    List<String> lines = new java.util.ArrayList<>();
    LineSplitter splitter = new LineSplitter(lines::add);
    splitter.write("PASS: first\n".getBytes(StandardCharsets.UTF_8));
    byte[] nuls = new byte[20 * MB];
    for (int i = 0; i < nuls.length; i += 1 << 16) {
      splitter.write(nuls, i, 1 << 16);
    }
    splitter.write("\nPASS: second\nno newline at the end".getBytes(StandardCharsets.UTF_8));
    splitter.close();
    splitter.write("PASS: too late\n".getBytes(StandardCharsets.UTF_8));
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("PASS: first");
    assertThat(lines.get(1)).hasSize(LineSplitter.MAX_LINE_BYTES + (" [" + (20 * MB - LineSplitter.MAX_LINE_BYTES) + " more bytes]").length());
    assertThat(lines.subList(2, 4)).containsExactly("PASS: second", "no newline at the end");
  }

  @Test
  void toLogWritesEverythingToTheLogAndKeepsOnlyABoundedTail() throws IOException {
    Path log = dir.resolve("test.log");
    // 40 MB in one line, then 200,000 short lines, then a last one
    Result r = runner.toLog(Command.of("sh", "-c",
        "head -c 40000000 /dev/zero | tr '\\0' x; echo; seq 200000; echo the end").withTimeout(Duration.ofMinutes(2)), log);
    assertThat(r.ok()).isTrue();
    assertThat(Files.size(log)).isGreaterThan(40_000_000L + 200_000L * 6);
    assertThat(r.output().length()).isLessThanOrEqualTo(OutputTail.DEFAULT_BYTES + 40);
    assertThat(r.tail(2)).isEqualTo("200000\nthe end");
  }

  @Test
  void aReaderThatFailsNeverStopsTheOutputAndItsFailureIsReportedAtTheEnd() throws IOException {
    LineSplitter splitter = new LineSplitter(line -> {
      throw new IllegalStateException("reader broke on " + line);
    });
    splitter.write("one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8));
    splitter.write(new byte[1 << 20]);
    org.assertj.core.api.Assertions.assertThatThrownBy(splitter::close).hasMessage("reader broke on one");
  }

  @Test
  void theLogsLastLinesAreReadFromItsEndOnly() throws IOException {
    Path log = dir.resolve("build.log");
    try (var out = Files.newOutputStream(log)) {
      out.write("first\n".getBytes(StandardCharsets.UTF_8));
      out.write(new byte[20 * MB]); // one 20 MB line of NULs
      out.write("\nsecond\nno newline at the end".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(LogTail.lastLines(log, 2)).isEqualTo("second\nno newline at the end");
    assertThat(LogTail.lastLines(log, 3).length()).isLessThan(LogTail.MAX_LINE_CHARS + 100);
    assertThat(LogTail.lastLines(dir.resolve("missing.log"), 3)).isEmpty();
  }

  @Test
  void toLogHandsEachLineToAReaderAsItStreams() {
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    Result r = runner.toLog(Command.of("sh", "-c", "seq 3; printf unfinished"), dir.resolve("seq.log"), lines::add);
    assertThat(r.ok()).isTrue();
    assertThat(lines).containsExactly("1", "2", "3", "unfinished");
  }

  @Test
  void theTimeoutHoldsWhileAProgramFloodsItsOutput() {
    long start = System.nanoTime();
    Result r = runner.toLog(Command.of("sh", "-c", "yes 'a line of output' | head -c 100000000; sleep 300")
        .withTimeout(Duration.ofSeconds(3)), dir.resolve("flood.log"));
    assertThat(r.timedOut()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("killed at its timeout").isLessThan(Duration.ofSeconds(30));
    assertThat(r.output().length()).isLessThanOrEqualTo(OutputTail.DEFAULT_BYTES + 40);
  }
}
