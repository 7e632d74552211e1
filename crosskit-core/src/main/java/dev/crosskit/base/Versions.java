package dev.crosskit.base;

/** Dotted version numbers (2.17, 3.4.29, 2.2.5) compared numerically, component by component. */
public final class Versions {
  private Versions() {}

  /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
  public static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? number(x[i]) : 0;
      long q = i < y.length ? number(y[i]) : 0;
      if (p != q) {
        return Long.compare(p, q);
      }
    }
    return 0;
  }

  /**
   * Whether {@code have} is the release {@code want} names, compared in the components {@code want}
   * gives: {@code 14.2} is release {@code 14} and {@code 14.2}, not {@code 14.1}; {@code 14} is {@code 14.0}.
   */
  public static boolean sameRelease(String have, String want) {
    String[] h = have.split("\\.");
    String[] w = want.split("\\.");
    for (int i = 0; i < w.length; i++) {
      if (number(i < h.length ? h[i] : "0") != number(w[i])) {
        return false;
      }
    }
    return true;
  }

  /** True for strings such as {@code 2.31} or {@code 3.4.29}. */
  public static boolean isVersion(String s) {
    return s != null && s.matches("\\d+(\\.\\d+)*");
  }

  private static long number(String s) {
    long n = 0;
    for (int i = 0; i < s.length() && Character.isDigit(s.charAt(i)) && i < 12; i++) {
      n = n * 10 + (s.charAt(i) - '0');
    }
    return n;
  }
}
