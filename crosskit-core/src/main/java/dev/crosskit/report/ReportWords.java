package dev.crosskit.report;

import dev.crosskit.result.Status;
import dev.crosskit.result.TargetResult;
import java.util.Locale;

/** How the HTML report names things: durations, statuses, runners, a target's verdict. */
final class ReportWords {
  private ReportWords() {}

  /** "0.42 s", "12.3 s", "2 min 05 s", "1 h 02 min". */
  static String duration(double seconds) {
    if (seconds < 1) {
      return String.format(Locale.ROOT, "%.2f s", seconds);
    }
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    long s = Math.round(seconds);
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }

  /** The axis label of a time offset: "0 s", "30 s", "2 min", "1 h 30 min". */
  static String tick(double seconds) {
    long s = Math.round(seconds);
    if (s < 60 || s % 60 != 0 && s < 600) {
      return s + " s";
    }
    if (s < 3600) {
      return s % 60 == 0 ? s / 60 + " min" : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return s % 3600 == 0 ? s / 3600 + " h" : String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }

  /** The runner's name alone: "QEMU user-mode", "Wine", "native". */
  static String runnerName(String runner) {
    return switch (runner) {
      case "native" -> "native";
      case "qemu-user" -> "QEMU user-mode";
      case "qemu-system" -> "QEMU system-mode";
      case "wine" -> "Wine";
      default -> runner;
    };
  }

  /** The runner as a reader should take it: emulation is said as such. */
  static String runner(String runner) {
    if (runner == null) {
      return "cannot run here";
    }
    return switch (runner) {
      case "native" -> "native";
      case "qemu-user" -> "QEMU user-mode (emulated)";
      case "qemu-system" -> "QEMU system-mode (emulated)";
      case "wine" -> "Wine (emulated)";
      default -> runner;
    };
  }

  /** A step's status as the page shows it, with the icon and the class that style it. */
  enum Shown {
    // in the order a sorted matrix lists them: what needs looking at first
    FAILED("failed", "i-failed"),
    INTERRUPTED("interrupted", "i-interrupted"),
    PASSED("passed", "i-passed"),
    CACHED("cached", "i-cached"),
    SKIPPED("skipped", "i-skipped");

    final String word;
    final String icon;

    Shown(String word, String icon) {
      this.word = word;
      this.icon = icon;
    }

    String css() {
      return "st-" + word;
    }

    static Shown of(Status s) {
      return switch (s) {
        case PASSED -> PASSED;
        case FAILED -> FAILED;
        case SKIPPED -> SKIPPED;
        case CACHED -> CACHED;
        case INTERRUPTED -> INTERRUPTED;
      };
    }

    /** A target's verdict: interrupted, else failed, else cached, else passed. */
    static Shown of(TargetResult t) {
      if (t.interrupted()) {
        return INTERRUPTED;
      }
      if (!t.passed()) {
        return FAILED;
      }
      return t.cached() ? CACHED : PASSED;
    }
  }

  /** An HTML id for a target's section: letters, digits and dashes only (target names are such already). */
  static String anchor(String target) {
    return "t-" + target.replaceAll("[^A-Za-z0-9_-]", "-");
  }

  /** "1 target" / "3 targets". */
  static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
