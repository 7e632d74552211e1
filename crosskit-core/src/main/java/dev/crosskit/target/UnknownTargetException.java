package dev.crosskit.target;

import dev.crosskit.base.BadInputException;
import java.util.List;

/** A target spelling that matches nothing in the catalog; carries the closest known names. */
public final class UnknownTargetException extends BadInputException {
  private static final long serialVersionUID = 1L;
  private final List<String> suggestions;

  public UnknownTargetException(String input, List<String> suggestions) {
    super("unknown target '" + input + "'"
        + (suggestions.isEmpty() ? "." : "; did you mean " + String.join(", ", suggestions) + "?")
        + " Run 'crosskit targets' for the full list.");
    this.suggestions = List.copyOf(suggestions);
  }

  public List<String> suggestions() {
    return suggestions;
  }
}
