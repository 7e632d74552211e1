package dev.crosskit.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Identifies the crosskit build that is running (its jar's size and time), so that a new
 * crosskit — which may write toolchain files or flags differently — never reuses a cached result.
 */
final class CodeIdentity {
  private static final String IDENTITY = compute();

  private CodeIdentity() {}

  static String get() {
    return IDENTITY;
  }

  private static String compute() {
    try {
      Path code = Path.of(CodeIdentity.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(code)) {
        return code.getFileName() + ":" + Files.size(code) + ":" + Files.getLastModifiedTime(code).toMillis();
      }
      return "classes:" + Files.getLastModifiedTime(code).toMillis();
    } catch (Exception unknown) {
      return "unknown";
    }
  }
}
