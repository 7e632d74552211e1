package dev.crosskit.inspect;

/** How a policy check came out. */
public enum Severity {
  PASS,
  WARN,
  FAIL
}
