package dev.crosskit.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crosskit.result.TestCase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code go test -json} events (test2json): one JSON object per line with Action, Package,
 * Test and Elapsed. A test's last pass/fail/skip event is its result. A package that failed
 * without any test failing (it did not compile, or its test binary crashed under the emulator)
 * is reported as one failed case named after the package, so the failure is never lost. Lines
 * that are not JSON (the go command's own messages) are ignored.
 */
public final class GoTestEvents implements TestParser {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> ACTIONS = Map.of(
      "pass", TestCase.PASSED, "fail", TestCase.FAILED, "skip", TestCase.SKIPPED);

  /** How much of a package's own output is kept to explain its failure (its end matters). */
  private static final int PACKAGE_OUTPUT_CHARS = 8192;

  @Override
  public Reading reading() {
    Map<String, TestCase> tests = new LinkedHashMap<>();
    Map<String, StringBuilder> packageOutput = new LinkedHashMap<>();
    Map<String, Boolean> packageFailed = new LinkedHashMap<>();
    return new Reading() {
      @Override
      public void accept(String line) {
        JsonNode e = event(line.strip());
        if (e == null) {
          return;
        }
        String pkg = e.path("Package").asText("");
        String test = e.path("Test").asText("");
        String action = e.path("Action").asText("");
        if (action.equals("output") && test.isEmpty()) {
          StringBuilder text = packageOutput.computeIfAbsent(pkg, k -> new StringBuilder()).append(e.path("Output").asText(""));
          if (text.length() > 2 * PACKAGE_OUTPUT_CHARS) {
            text.delete(0, text.length() - PACKAGE_OUTPUT_CHARS);
          }
        }
        String status = ACTIONS.get(action);
        if (status == null) {
          return;
        }
        if (test.isEmpty()) {
          packageFailed.put(pkg, status.equals(TestCase.FAILED));
        } else {
          String name = pkg + "." + test;
          if (tests.size() >= MAX_TESTS && !tests.containsKey(name)) {
            return;
          }
          tests.put(name, new TestCase(name, status, e.path("Elapsed").asDouble(0),
              status.equals(TestCase.FAILED) ? "FAIL" : ""));
        }
      }

      @Override
      public List<TestCase> tests() {
        List<TestCase> out = new ArrayList<>(tests.values());
        packageFailed.forEach((pkg, failed) -> {
          boolean explained = out.stream().anyMatch(t -> t.failed() && t.name().startsWith(pkg + "."));
          if (failed && !explained) {
            out.add(new TestCase(pkg, TestCase.FAILED, 0, lastLine(packageOutput.get(pkg))));
          }
        });
        return out;
      }
    };
  }

  private static JsonNode event(String line) {
    if (!line.startsWith("{") || !line.endsWith("}")) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(line);
      return n.isObject() && n.has("Action") ? n : null;
    } catch (java.io.IOException notJson) {
      return null;
    }
  }

  private static String lastLine(StringBuilder text) {
    if (text == null) {
      return "package failed";
    }
    String[] lines = text.toString().strip().split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      String l = lines[i].strip();
      if (!l.isEmpty() && !l.startsWith("FAIL")) {
        return l;
      }
    }
    return "package failed";
  }
}
