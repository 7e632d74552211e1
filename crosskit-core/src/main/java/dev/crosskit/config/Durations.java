package dev.crosskit.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations crosskit.toml and flags accept: {@code 90}, {@code 90s}, {@code 10m},
 * {@code 1h}, {@code 1m30s}, {@code 2d}. Crosskit's limits are at most {@link #MAX}: a longer
 * one is a typo, and an overflowing one must be bad input, not an arithmetic error.
 */
public final class Durations {
  /** The longest timeout crosskit accepts. */
  public static final Duration MAX = Duration.ofDays(7);
  private static final Pattern PART = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)?");

  private Durations() {}

  /** The duration written, or empty when it is not one (or is too large to be any use). */
  public static Optional<Duration> parse(String text) {
    String s = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (s.isEmpty() || s.length() > 100) {
      return Optional.empty();
    }
    Matcher m = PART.matcher(s);
    Duration total = Duration.ZERO;
    int pos = 0;
    while (pos < s.length()) {
      if (!m.find(pos) || m.start() != pos || m.end(1) < s.length() && Character.isDigit(s.charAt(m.end(1)))) {
        return Optional.empty();
      }
      long n = Long.parseLong(m.group(1)); // at most 9 digits: no overflow, even in days
      String unit = m.group(2) == null ? "s" : m.group(2);
      total = total.plus(switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofSeconds(n);
      });
      if (total.compareTo(MAX.multipliedBy(1000)) > 0) {
        return Optional.empty();
      }
      pos = m.end();
      while (pos < s.length() && s.charAt(pos) == ' ') {
        pos++;
      }
    }
    return total.isZero() ? Optional.empty() : Optional.of(total);
  }

  /** The shortest spelling: {@code 2h}, {@code 10m}, {@code 90s}, {@code 1.5s}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) {
      return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = ms / 1000;
    if (s % 86400 == 0) {
      return s / 86400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
