package dev.crosskit.result;

/** How a step ended. */
public enum Status {
  PASSED, FAILED, SKIPPED, CACHED,
  /** crosskit was stopped (SIGINT, SIGTERM) while the step ran: its processes were killed, it did not finish. */
  INTERRUPTED;

  public boolean failed() {
    return this == FAILED;
  }

  /** Whether the step counts against its target: it failed or did not finish. */
  public boolean unsuccessful() {
    return this == FAILED || this == INTERRUPTED;
  }

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
