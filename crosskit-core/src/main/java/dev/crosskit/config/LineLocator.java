package dev.crosskit.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the line of a key in a TOML text, so that errors can say "crosskit.toml:12". The TOML
 * parser gives positions only for syntax errors; for a valid file with a wrong key or type we
 * look the key up by its table header and name. Returns 0 when it cannot tell.
 */
final class LineLocator {
  private static final Pattern HEADER = Pattern.compile("^\\s*\\[\\s*([^\\]]+?)\\s*\\]\\s*(#.*)?$");

  private final List<String> lines;

  LineLocator(String text) {
    this.lines = text.lines().toList();
  }

  /** The 1-based line where {@code path} (table path + key, e.g. ["target","arm64","build","env"]) is set. */
  int find(List<String> path) {
    String table = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      var h = HEADER.matcher(line);
      if (h.matches()) {
        table = unquote(h.group(1));
        if (table.equals(String.join(".", path))) {
          return i + 1;
        }
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || line.stripLeading().startsWith("#")) {
        continue;
      }
      String key = unquote(line.substring(0, eq).trim());
      String full = table.isEmpty() ? key : table + "." + key;
      String wanted = String.join(".", path);
      if (full.equals(wanted) || wanted.startsWith(full + ".")) {
        return i + 1;
      }
    }
    return 0;
  }

  private static String unquote(String s) {
    return s.replace("\"", "").replace("'", "").replaceAll("\\s*\\.\\s*", ".");
  }
}
