package dev.crosskit.doctor;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an {@code apt-get install} stands, from the lines it prints: how many packages it will
 * install (its "N newly installed" summary), how many it has fetched, unpacked and set up. What
 * {@code setup} shows every few seconds instead of a minute of silence.
 */
final class AptProgress {
  // "0 upgraded, 21 newly installed, 0 to remove and 3 not upgraded."
  private static final Pattern SUMMARY = Pattern.compile("^(\\d+) upgraded, (\\d+) newly installed");
  private final long start = System.nanoTime();
  private int total = -1;
  private int fetched;
  private int unpacked;
  private int setUp;

  synchronized void accept(String line) {
    String l = line.strip();
    Matcher m = SUMMARY.matcher(l);
    if (m.find()) {
      total = Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2));
    } else if (l.startsWith("Get:")) {
      fetched++;
    } else if (l.startsWith("Unpacking ")) {
      unpacked++;
    } else if (l.startsWith("Setting up ")) {
      setUp++;
    }
  }

  /** {@code apt: 12 of 40 packages set up (40 fetched, 25 unpacked), 1m05s}. */
  synchronized String line() {
    long s = Duration.ofNanos(System.nanoTime() - start).toSeconds();
    String elapsed = s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    String of = total >= 0 ? " of " + total : "";
    String phase = setUp > 0 ? setUp + of + " packages set up"
        : unpacked > 0 ? unpacked + of + " packages unpacked"
        : fetched > 0 ? fetched + of + " packages downloaded" : "resolving" + (total >= 0 ? " " + total + " packages" : "");
    return "apt: " + phase + ", " + elapsed;
  }
}
