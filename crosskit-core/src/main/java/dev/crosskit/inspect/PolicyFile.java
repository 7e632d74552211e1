package dev.crosskit.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.RegularFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a policy TOML file, with the same keys as the command-line flags ({@link PolicyReader}), e.g.
 * <pre>
 * expect = "aarch64-linux-gnu"
 * static = false
 * max-glibc = "2.31"
 * allow-lib = ["libc.so.6", "libm.so.6"]
 * require-relro = "full"
 * </pre>
 * Unknown keys and wrong values are errors (exit 2) naming the file, so a typo never silently
 * disables a check.
 */
public final class PolicyFile {
  /** A policy is a few lines; anything this large is not one (and /dev/zero must not fill the heap). */
  private static final long MAX_BYTES = 1 << 20;

  private PolicyFile() {}

  public static PolicySettings read(Path file) {
    JsonNode root;
    try {
      root = new TomlMapper().readTree(RegularFiles.readText(file, MAX_BYTES));
    } catch (IOException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new BadInputException(file + ": not a readable TOML policy: " + msg);
    }
    try {
      return PolicyReader.full().read(root);
    } catch (PolicyReader.PolicyException e) {
      throw new BadInputException(file + ": " + e.getMessage());
    }
  }
}
