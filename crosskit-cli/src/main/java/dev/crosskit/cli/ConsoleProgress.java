package dev.crosskit.cli;

import dev.crosskit.pipeline.ProgressListener;
import dev.crosskit.result.Step;
import dev.crosskit.result.StepResult;
import dev.crosskit.result.TargetResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Progress of a matrix run. On a terminal: one live line per target (its current step and the
 * time so far), redrawn in place. Elsewhere (CI logs, pipes): one plain line per event.
 */
final class ConsoleProgress implements ProgressListener, AutoCloseable {
  private final PrintWriter out;
  private final boolean live;
  private final boolean quiet;
  private final boolean verbose;
  private final long start = System.nanoTime();
  private final Map<String, String> lines = new LinkedHashMap<>();
  private final Map<String, Long> stepStart = new LinkedHashMap<>();
  private int drawn;
  private final Thread ticker;

  ConsoleProgress(PrintWriter out, boolean live, boolean quiet, boolean verbose, Iterable<String> targets) {
    this.out = out;
    this.live = live && !quiet;
    this.quiet = quiet;
    this.verbose = verbose;
    for (String t : targets) {
      lines.put(t, "waiting");
    }
    if (this.live) {
      ticker = Thread.ofVirtual().start(() -> {
        try {
          while (!Thread.currentThread().isInterrupted()) {
            Thread.sleep(1000);
            redraw();
          }
        } catch (InterruptedException stopped) {
          // the run is over
        }
      });
    } else {
      ticker = null;
    }
  }

  @Override
  public synchronized void stepStarted(String target, Step step) {
    stepStart.put(target, System.nanoTime());
    lines.put(target, step + "...");
    if (live) {
      redraw();
    } else if (verbose) {
      print(target, step + " started");
    }
  }

  @Override
  public synchronized void stepProgress(String target, String detail) {
    if (live) {
      String line = lines.getOrDefault(target, "");
      int colon = line.indexOf(": ");
      String step = colon >= 0 ? line.substring(0, colon) : line.replaceAll("\\.\\.\\.$", "");
      // one screen row per target, or the redraw's cursor arithmetic breaks
      String shown = detail.length() > 70 ? detail.substring(0, 67) + "..." : detail;
      lines.put(target, step + ": " + shown);
      redraw();
    } else if (!quiet) {
      print(target, detail);
    }
  }

  @Override
  public synchronized void stepFinished(String target, StepResult r) {
    String word = r.status().word();
    lines.put(target, r.step() + " " + word);
    if (live) {
      redraw();
    } else if (!quiet && (verbose || r.step() != Step.PROVISION || r.status().failed())) {
      String log = verbose && r.log() != null ? "  [" + r.log() + "]" : "";
      print(target, r.step() + " " + word + String.format(Locale.ROOT, " (%.1fs)", r.seconds())
          + (r.summary() == null ? "" : ": " + r.summary()) + log);
    }
  }

  @Override
  public synchronized void targetFinished(TargetResult r) {
    lines.put(r.target(), verdict(r, "done") + (r.cached() ? " (cached)" : "")
        + String.format(Locale.ROOT, " in %.1fs", r.seconds()));
    stepStart.remove(r.target());
    if (live) {
      redraw();
    } else if (!quiet) {
      print(r.target(), verdict(r, "passed") + (r.cached() ? " (cached, not rebuilt)" : ""));
    }
  }

  private static String verdict(TargetResult r, String passed) {
    return r.interrupted() ? "INTERRUPTED" : r.passed() ? passed : "FAILED";
  }

  private void print(String target, String text) {
    out.printf(Locale.ROOT, "[%6.1fs] %s: %s%n", (System.nanoTime() - start) / 1e9, target, text);
    out.flush();
  }

  private synchronized void redraw() {
    StringBuilder sb = new StringBuilder();
    if (drawn > 0) {
      sb.append("\u001B[").append(drawn).append('A');
    }
    int width = lines.keySet().stream().mapToInt(String::length).max().orElse(10);
    for (Map.Entry<String, String> e : lines.entrySet()) {
      Long since = stepStart.get(e.getKey());
      String elapsed = since == null ? "" : String.format(Locale.ROOT, " %4.0fs", (System.nanoTime() - since) / 1e9);
      sb.append("\u001B[2K").append(String.format(Locale.ROOT, "%-" + width + "s  %s%s", e.getKey(), e.getValue(), elapsed))
          .append('\n');
    }
    drawn = lines.size();
    out.print(sb);
    out.flush();
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.interrupt();
    }
    if (live) {
      redraw();
      out.println();
    }
  }
}
