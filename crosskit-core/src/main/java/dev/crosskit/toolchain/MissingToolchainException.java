package dev.crosskit.toolchain;

import dev.crosskit.base.FailedException;
import java.util.List;

/** A target whose toolchain is incomplete on this host; the message names the gaps and the fix. */
public final class MissingToolchainException extends FailedException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> missing;

  public MissingToolchainException(String target, List<String> missing) {
    super("no complete toolchain for " + target + ": " + String.join("; ", missing)
        + ". Run 'crosskit setup " + target + "' (or 'crosskit doctor " + target + "' for details).");
    this.missing = List.copyOf(missing);
  }

  public List<String> missing() {
    return missing;
  }
}
