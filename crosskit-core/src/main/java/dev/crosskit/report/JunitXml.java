package dev.crosskit.report;

import dev.crosskit.result.MatrixReport;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import dev.crosskit.result.TestCase;
import java.util.Locale;

/**
 * The matrix as JUnit XML: one testsuite per target; its build, verify and canary steps are
 * test cases ({@code crosskit.build} ...), followed by each test the project's runner reported.
 * Emulated targets carry {@code emulated=true} in their properties, so nobody mistakes a QEMU
 * run for hardware.
 */
public final class JunitXml {
  private JunitXml() {}

  public static String render(MatrixReport report) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    int tests = 0;
    int failures = 0;
    int skipped = 0;
    int errors = 0;
    StringBuilder suites = new StringBuilder();
    for (TargetResult t : report.targets()) {
      int tTests = 0;
      int tFail = 0;
      int tSkip = 0;
      int tError = 0;
      StringBuilder cases = new StringBuilder();
      for (StepResult s : t.steps()) {
        if (s.step() == Step.TEST && !t.tests().isEmpty()) {
          continue; // the per-test cases below stand for this step
        }
        tTests++;
        cases.append("    <testcase classname=\"").append(esc(t.target())).append(".crosskit\" name=\"")
            .append(esc(s.step().id())).append("\" time=\"").append(time(s.seconds())).append("\"");
        switch (s.status()) {
          case FAILED -> {
            tFail++;
            cases.append(">\n      <failure message=\"").append(esc(s.summary())).append("\">")
                .append(esc(s.tail() == null ? s.summary() : s.tail())).append("</failure>\n    </testcase>\n");
          }
          case INTERRUPTED -> {
            tError++; // not a verdict on the project: the step did not finish
            cases.append(">\n      <error message=\"").append(esc(s.summary())).append("\"/>\n    </testcase>\n");
          }
          case SKIPPED -> {
            tSkip++;
            cases.append(">\n      <skipped message=\"").append(esc(s.summary())).append("\"/>\n    </testcase>\n");
          }
          default -> cases.append("/>\n");
        }
      }
      // a failed case carries the failed test step's summary (a timeout, say) and log tail
      StepResult testStep = t.step(Step.TEST).filter(s -> s.status() == dev.crosskit.result.Status.FAILED).orElse(null);
      for (TestCase c : t.tests()) {
        tTests++;
        cases.append("    <testcase classname=\"").append(esc(t.target())).append("\" name=\"").append(esc(c.name()))
            .append("\" time=\"").append(time(c.seconds())).append("\"");
        if (c.failed()) {
          tFail++;
          String message = failureMessage(c, testStep);
          String body = testStep == null || testStep.tail() == null ? message : testStep.tail();
          cases.append(">\n      <failure message=\"").append(esc(message)).append("\">").append(esc(body))
              .append("</failure>\n    </testcase>\n");
        } else if (c.status().equals(TestCase.SKIPPED)) {
          tSkip++;
          cases.append(">\n      <skipped/>\n    </testcase>\n");
        } else {
          cases.append("/>\n");
        }
      }
      tests += tTests;
      failures += tFail;
      skipped += tSkip;
      errors += tError;
      suites.append("  <testsuite name=\"").append(esc(t.target())).append("\" tests=\"").append(tTests)
          .append("\" failures=\"").append(tFail).append("\" errors=\"").append(tError).append("\" skipped=\"").append(tSkip)
          .append("\" time=\"").append(time(t.seconds())).append("\">\n")
          .append("    <properties>\n      <property name=\"runner\" value=\"").append(esc(String.valueOf(t.runner())))
          .append("\"/>\n      <property name=\"emulated\" value=\"").append(t.emulated()).append("\"/>\n")
          .append("      <property name=\"cached\" value=\"").append(t.cached()).append("\"/>\n    </properties>\n")
          .append(cases).append("  </testsuite>\n");
    }
    sb.append("<testsuites name=\"").append(esc(report.project())).append("\" tests=\"").append(tests)
        .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors).append("\" skipped=\"").append(skipped)
        .append("\" time=\"").append(time(report.seconds())).append("\">\n").append(suites).append("</testsuites>\n");
    return sb.toString();
  }

  private static String failureMessage(TestCase c, StepResult testStep) {
    String own = c.message() == null || c.message().isBlank() ? "failed" : c.message();
    return testStep == null ? own : own + " (test step: " + testStep.summary() + ")";
  }

  private static String time(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> {
          // XML 1.0 forbids most control characters, which test output sometimes contains
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            out.append('?');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
