package dev.crosskit.sysroot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what apt-get prints: the packages a simulated install would unpack, and failed index fetches. */
final class AptOutput {
  // "Inst libc6 (2.31-13+deb11u11 Debian:11.11/oldoldstable [arm64])"; an upgrade line carries "[old]" first.
  private static final Pattern INST = Pattern.compile("^Inst (\\S+) (?:\\[[^\\]]*\\] )?\\((\\S+) .*\\[(\\S+)\\]\\)");
  // "Err:3 http://deb.debian.org/debian bookworm-security/main armhf Packages" or "E: Failed to fetch URL  404 ..."
  private static final Pattern ERR = Pattern.compile("^Err:\\d+ (\\S+) (\\S+)(.*)$");
  private static final Pattern FAILED_FETCH = Pattern.compile("^[EW]: Failed to fetch (\\S+)\\s*(.*)$");

  private AptOutput() {}

  /** The packages of {@code apt-get -s install} output, in the order apt would unpack them. */
  static List<DebPackage> simulatedInstalls(String output) {
    List<DebPackage> list = new ArrayList<>();
    for (String line : output.split("\n")) {
      Matcher m = INST.matcher(line.strip());
      if (m.find()) {
        list.add(new DebPackage(m.group(1), m.group(2), m.group(3)));
      }
    }
    return list;
  }

  /**
   * The index fetches {@code apt-get update} reported as failed, one readable line each
   * (e.g. {@code http://deb.debian.org/debian bookworm-security/main armhf Packages: 404 Not Found}).
   */
  static List<String> failedIndexes(String output) {
    Set<String> failures = new LinkedHashSet<>();
    String[] lines = output.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      Matcher err = ERR.matcher(line);
      if (err.matches()) {
        String why = i + 1 < lines.length && lines[i + 1].startsWith("  ") ? ": " + lines[i + 1].strip() : "";
        failures.add(err.group(1) + " " + err.group(2) + err.group(3).stripTrailing() + why);
        continue;
      }
      Matcher failed = FAILED_FETCH.matcher(line);
      if (failed.matches() && failures.stream().noneMatch(f -> f.startsWith(failed.group(1)))) {
        failures.add(failed.group(1) + (failed.group(2).isBlank() ? "" : ": " + failed.group(2).strip()));
      }
    }
    return List.copyOf(failures);
  }

  /** The lines starting with "E:" (apt's errors), joined, for messages to the user. */
  static String errors(String output) {
    List<String> errs = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (line.startsWith("E: ")) {
        errs.add(line.substring(3).strip());
      }
    }
    return String.join("; ", errs);
  }

  /** The packages {@code apt-get --print-uris download} names: {@code 'URI' name_version_arch.deb size hash}. */
  static List<DebPackage> printedUris(String output) {
    List<DebPackage> list = new ArrayList<>();
    for (String line : output.split("\n")) {
      String[] w = line.strip().split("\\s+");
      if (w.length >= 2 && w[0].startsWith("'") && w[1].endsWith(".deb")) {
        String[] parts = w[1].substring(0, w[1].length() - 4).split("_");
        if (parts.length == 3) {
          list.add(new DebPackage(parts[0], parts[1].replace("%3a", ":"), parts[2]));
        }
      }
    }
    return list;
  }
}
