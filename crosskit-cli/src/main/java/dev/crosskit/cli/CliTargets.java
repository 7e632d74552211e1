package dev.crosskit.cli;

import dev.crosskit.base.BadInputException;
import dev.crosskit.config.ConfigLoader;
import dev.crosskit.config.ProjectConfig;
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

  /** The targets given on the command line, else the project's ([project] targets); none is bad input. */
  static List<Target> ofProject(PrintWriter err, List<String> given, ProjectConfig config) {
    List<String> spellings = given.isEmpty() ? config.targets() : given;
    if (spellings.isEmpty()) {
      throw new BadInputException("no targets: pass --target T (repeatable) or set [project] targets in "
          + config.projectDir().resolve(ConfigLoader.FILE_NAME) + " ('crosskit init' writes one)");
    }
    return all(err, spellings);
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
