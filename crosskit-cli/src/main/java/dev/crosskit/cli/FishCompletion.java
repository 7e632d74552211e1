package dev.crosskit.cli;

import dev.crosskit.cli.CompletionModel.Values;
import java.util.List;
import java.util.Map;

/**
 * Writes the fish completion script. fish has no notion of nested subcommands, so the script
 * carries a small function that works out the subcommand path typed so far, and every
 * {@code complete} line is conditioned on that path.
 */
final class FishCompletion {
  private FishCompletion() {}

  static String script(CompletionModel root, String program) {
    String fn = "__" + program.replace('-', '_');
    // Each distinct value list (the target names appear under many commands) is written once,
    // as a function that prints it.
    Map<List<String>, String> lists = root.valueLists(fn);
    StringBuilder sb = new StringBuilder();
    sb.append("# fish completion for ").append(program).append(", generated from its command model by '")
        .append(program).append(" completion fish'.\n");
    sb.append("# Install: ").append(program).append(" completion fish > ~/.config/fish/completions/")
        .append(program).append(".fish\n\n");

    lists.forEach((words, name) -> {
      sb.append("function ").append(name).append("\n    printf '%s\\n'");
      words.forEach(w -> sb.append(' ').append(quote(w)));
      sb.append("\nend\n\n");
    });

    sb.append("function ").append(fn).append("_subcommands --argument-names path\n");
    sb.append("    switch \"$path\"\n");
    for (CompletionModel node : root.all()) {
      if (!node.subcommands().isEmpty()) {
        sb.append("        case ").append(quote(node.key())).append('\n');
        sb.append("            printf '%s\\n'");
        node.subcommands().forEach(s -> sb.append(' ').append(quote(s.path().getLast())));
        sb.append('\n');
      }
    }
    sb.append("    end\nend\n\n");

    // Words that name a subcommand of the path so far extend it; anything else (options, their
    // values, operands) leaves it as it is.
    sb.append("function ").append(fn).append("_path --description 'The ").append(program)
        .append(" subcommands typed so far'\n");
    sb.append("    set -l path\n");
    sb.append("    for word in (commandline -opc)[2..-1]\n");
    sb.append("        if contains -- $word (").append(fn).append("_subcommands \"$path\")\n");
    sb.append("            set path (string join ' ' -- $path $word)\n");
    sb.append("        end\n    end\n");
    sb.append("    echo \"$path\"\nend\n\n");

    sb.append("function ").append(fn).append("_at --argument-names want\n");
    sb.append("    set -l path (").append(fn).append("_path)\n");
    sb.append("    test \"$path\" = \"$want\"\nend\n\n");

    sb.append("complete -c ").append(program).append(" -e\n");
    for (CompletionModel node : root.all()) {
      // the condition is a double-quoted fish string around a single-quoted path (plain words)
      String head = "complete -c " + program + " -n \"" + fn + "_at " + quote(node.key()) + "\"";
      if (node.positional().kind() != Values.Kind.FILES) {
        sb.append(head).append(" -f\n"); // no file names where the command takes none
      }
      for (CompletionModel sub : node.subcommands()) {
        sb.append(head).append(" -a ").append(quote(sub.path().getLast()))
            .append(" -d ").append(quote(sub.description())).append('\n');
      }
      for (CompletionModel.Option o : node.options()) {
        sb.append(head);
        for (String name : o.names()) {
          if (name.startsWith("--")) {
            sb.append(" -l ").append(quote(name.substring(2)));
          } else if (name.length() == 2) {
            sb.append(" -s ").append(quote(name.substring(1)));
          } else {
            sb.append(" -o ").append(quote(name.substring(1)));
          }
        }
        if (o.takesValue()) {
          switch (o.values().kind()) {
            case WORDS -> sb.append(" -x -a ").append(quote("(" + lists.get(o.values().words()) + ")"));
            case FILES -> sb.append(" -r -F");
            case NONE -> sb.append(" -x"); // a value, but nothing to offer for it
          }
        }
        sb.append(" -d ").append(quote(o.description())).append('\n');
      }
      if (node.positional().kind() == Values.Kind.WORDS) {
        sb.append(head).append(" -a ").append(quote("(" + lists.get(node.positional().words()) + ")")).append('\n');
      }
    }
    return sb.toString();
  }

  /** A fish single-quoted string: only backslash and the quote itself are special. */
  static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
