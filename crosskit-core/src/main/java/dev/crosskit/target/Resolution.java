package dev.crosskit.target;

import java.util.List;
import java.util.Optional;

/**
 * The result of resolving a user's spelling of a target.
 *
 * @param target the chosen target
 * @param alternatives other targets the spelling could also mean (empty when unambiguous)
 * @param glibcVersion a glibc version carried in the spelling (zig's {@code aarch64-linux-gnu.2.31}), or null
 */
public record Resolution(String input, Target target, List<Target> alternatives, String glibcVersion) {

  public boolean ambiguous() {
    return !alternatives.isEmpty();
  }

  /** A one-line note for the user when the spelling was ambiguous. */
  public Optional<String> note() {
    if (!ambiguous()) {
      return Optional.empty();
    }
    List<String> others = alternatives.stream().map(Target::name).toList();
    return Optional.of("'" + input + "' could also mean " + String.join(", ", others)
        + "; using " + target.name() + " (the first match in the catalog). Name the target fully to choose another.");
  }
}
