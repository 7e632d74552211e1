package dev.crosskit.sysroot;

import dev.crosskit.base.Digests;
import java.nio.charset.StandardCharsets;

/** The short hashes crosskit.lock writes for a recipe's text: equal text, equal key. */
public final class RecipeKeys {
  private RecipeKeys() {}

  /** {@code sha256:} and the first 16 hex digits of the text's SHA-256. */
  public static String hash(String text) {
    return "sha256:" + Digests.sha256(text.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }
}
