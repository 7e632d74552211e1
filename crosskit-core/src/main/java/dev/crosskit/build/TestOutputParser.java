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
  private final Map<String, String> statusWords;

  public TestOutputParser(String lineRegex, Map<String, String> statusWords) {
    this.line = Pattern.compile(lineRegex);
    this.statusWords = statusWords;
  }

  @Override
  public List<TestCase> parse(String output) {
    Map<String, TestCase> found = new LinkedHashMap<>();
    for (String raw : output.split("\n")) {
      String text = ANSI.matcher(raw).replaceAll("").stripTrailing();
      Matcher m = line.matcher(text);
      if (!m.find()) {
        continue;
      }
      String name = m.group("name").strip();
      String word = m.group("status").strip();
      String status = statusWords.getOrDefault(word, TestCase.FAILED);
      double seconds = 0;
      try {
        seconds = Double.parseDouble(m.group("seconds"));
      } catch (IllegalArgumentException | NullPointerException noSeconds) {
        // this runner's lines carry no time
      }
      found.put(name, new TestCase(name, status, seconds, status.equals(TestCase.FAILED) ? word : ""));
    }
    return new ArrayList<>(found.values());
  }
}
