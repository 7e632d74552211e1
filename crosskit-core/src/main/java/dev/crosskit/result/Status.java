package dev.crosskit.result;

/** How a step ended. */
public enum Status {
  PASSED, FAILED, SKIPPED, CACHED;

  public boolean failed() {
    return this == FAILED;
  }

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
