package dev.crosskit.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Picks values out of an oracle tool's text output (readelf, objdump, llvm-readobj). */
final class OracleText {
  private OracleText() {}

  /** The first group of the first match of {@code regex} (multi-line), or null. */
  static String first(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /** The first group of every match of {@code regex} (multi-line). */
  static List<String> all(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
