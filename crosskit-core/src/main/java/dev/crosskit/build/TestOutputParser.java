package dev.crosskit.build;

import dev.crosskit.result.TestCase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads per-test results out of a test runner's console output. Each runner's line format is
 * a regular expression with groups name, status and (optionally) seconds; the status words map
 * to passed / failed / skipped.
 */
public final class TestOutputParser implements TestParser {
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
  /** Status words of tests that failed as their project declares they must: passed, and said so. */
  private static final java.util.Set<String> EXPECTED_FAILURES = java.util.Set.of("EXPECTEDFAIL", "XFAIL");

  /** CTest: {@code 1/6 Test #1: crc32 ....   Passed    0.01 sec}. */
  public static final TestOutputParser CTEST = new TestOutputParser(
      "^\\s*\\d+/\\d+\\s+Test\\s+#\\d+:\\s+(?<name>\\S+)\\s+\\.*\\s*\\**(?<status>Passed|Failed|Not Run|Skipped|Disabled|Timeout|Exception|SEGFAULT|Subprocess aborted|Child aborted|Exit code)"
          + "(?:.*?\\s(?<seconds>[\\d.]+)\\s+sec\\s*$)?",
      Map.of("Passed", TestCase.PASSED, "Skipped", TestCase.SKIPPED, "Not Run", TestCase.SKIPPED, "Disabled", TestCase.SKIPPED));

  /** Meson: {@code 1/4 words   OK   0.01s}. */
  public static final TestOutputParser MESON = new TestOutputParser(
      "^\\s*\\d+/\\d+\\s+(?<name>\\S+(?:\\s\\S+)*?)\\s+(?<status>OK|FAIL|SKIP|TIMEOUT|EXPECTEDFAIL|UNEXPECTEDPASS|ERROR)\\s+(?<seconds>[\\d.]+)s",
      Map.of("OK", TestCase.PASSED, "EXPECTEDFAIL", TestCase.PASSED, "SKIP", TestCase.SKIPPED));

  /** Automake's test driver and many Makefiles: {@code PASS: name}, {@code FAIL: name}. */
  public static final TestOutputParser AUTOMAKE = new TestOutputParser(
      "^(?<status>PASS|FAIL|SKIP|XFAIL|XPASS|ERROR):\\s+(?<name>\\S+)",
      Map.of("PASS", TestCase.PASSED, "XFAIL", TestCase.PASSED, "SKIP", TestCase.SKIPPED));

  /**
   * Rust's libtest: {@code test checksum::tests::adler32 ... ok}, {@code ... FAILED},
   * {@code ... ignored, why}; doc tests are named like {@code src/lib.rs - add (line 3)}.
   */
  public static final TestOutputParser LIBTEST = new TestOutputParser(
      "^test\\s+(?<name>.+?)(?:\\s+-\\s+should panic(?:\\s+with\\s.*?)?)?\\s+\\.\\.\\.\\s+(?<status>ok|FAILED|ignored)\\b",
      Map.of("ok", TestCase.PASSED, "ignored", TestCase.SKIPPED));

  private final Pattern line;
  /** A pattern that starts with '^' matches at a line's start only: lookingAt, not a scan of the line. */
  private final boolean anchored;
  /** Whether this runner's lines carry a time (a group named seconds). */
  private final boolean timed;
  private final Map<String, String> statusWords;

  public TestOutputParser(String lineRegex, Map<String, String> statusWords) {
    this.line = Pattern.compile(lineRegex);
    this.anchored = lineRegex.startsWith("^");
    this.timed = line.namedGroups().containsKey("seconds");
    this.statusWords = statusWords;
  }

  @Override
  public Reading reading() {
    Map<String, TestCase> found = new LinkedHashMap<>();
    return new Reading() {
      @Override
      public void accept(String raw) {
        parseLine(raw, found);
      }

      @Override
      public List<TestCase> tests() {
        return new ArrayList<>(found.values());
      }
    };
  }

  private void parseLine(String raw, Map<String, TestCase> found) {
    // most lines are neither coloured nor results: both checks are made cheap for them (a test
    // step may print millions of lines)
    String text = raw.indexOf('\u001B') >= 0 ? ANSI.matcher(raw).replaceAll("").stripTrailing() : raw.stripTrailing();
    Matcher m = line.matcher(text);
    if (!(anchored ? m.lookingAt() : m.find())) {
      return;
    }
    String name = m.group("name").strip();
    String word = m.group("status").strip();
    String status = statusWords.getOrDefault(word, TestCase.FAILED);
    double seconds = 0;
    String time = timed ? m.group("seconds") : null;
    if (time != null) {
      try {
        seconds = Double.parseDouble(time);
      } catch (NumberFormatException notATime) {
        // "1.2.3 sec": no usable time
      }
    }
    if (found.size() < MAX_TESTS || found.containsKey(name)) {
      String message = status.equals(TestCase.FAILED) ? word : EXPECTED_FAILURES.contains(word) ? TestCase.EXPECTED_FAILURE : "";
      found.put(name, new TestCase(name, status, seconds, message));
    }
  }
}
