package dev.crosskit.cli;

import dev.crosskit.target.Target;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Resolves the target spellings a toolchain command was given, noting ambiguous ones. */
final class CliTargets {
  private CliTargets() {}

  static Target one(PrintWriter err, String spelling) {
    return TargetsCommand.resolve(err, spelling).target();
  }

  static List<Target> all(PrintWriter err, List<String> spellings) {
    List<Target> list = new ArrayList<>();
    for (String s : spellings) {
      Target t = one(err, s);
      if (!list.contains(t)) {
        list.add(t);
      }
    }
    return list;
  }
}
