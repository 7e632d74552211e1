package dev.crosskit.cli;

import dev.crosskit.cli.CompletionModel.Values;
import java.util.List;
import java.util.Map;

/**
 * Writes the zsh completion script: a native completion function (no bashcompinit), usable as
 * an autoloaded {@code _crosskit} file in {@code $fpath} or sourced after {@code compinit}. A
 * generated {@code case} gives each command path its subcommands, options and option values; one
 * small walker over the words typed so far picks the path.
 */
final class ZshCompletion {
  private ZshCompletion() {}

  static String script(CompletionModel root, String program) {
    String fn = "_" + program.replace('-', '_');
    // Each distinct value list (the target names appear under many commands) is written once.
    Map<List<String>, String> lists = root.valueLists(fn);
    StringBuilder sb = new StringBuilder();
    sb.append("#compdef ").append(program).append('\n');
    sb.append("# zsh completion for ").append(program).append(", generated from its command model by '")
        .append(program).append(" completion zsh'.\n");
    sb.append("# Install: ").append(program).append(" completion zsh > \"${fpath[1]}/").append(fn)
        .append("\" (or: source <(").append(program).append(" completion zsh) after compinit)\n\n");

    lists.forEach((words, name) -> {
      sb.append(name).append("=(");
      words.forEach(w -> sb.append(' ').append(quote(w)));
      sb.append(" )\n");
    });
    sb.append('\n');

    sb.append(fn).append("_node() {\n");
    sb.append("  # One command path ($1): sets subcommands and options (name:description), values (option ->\n");
    sb.append("  # what its value completes to) and positional (what an operand completes to).\n");
    sb.append("  subcommands=() options=() values=() positional=none\n");
    sb.append("  case $1 in\n");
    for (CompletionModel node : root.all()) {
      sb.append("    (").append(quote(node.key())).append(")\n");
      sb.append("      subcommands=(");
      node.subcommands().forEach(s -> sb.append(' ').append(quote(describe(s.path().getLast(), s.description()))));
      sb.append(" )\n      options=(");
      for (CompletionModel.Option o : node.options()) {
        o.names().forEach(n -> sb.append(' ').append(quote(describe(n, o.description()))));
      }
      sb.append(" )\n      values=(");
      for (CompletionModel.Option o : node.options()) {
        if (o.takesValue()) {
          o.names().forEach(n -> sb.append(' ').append(quote(n)).append(' ').append(quote(kind(o.values(), lists))));
        }
      }
      sb.append(" )\n      positional=").append(quote(kind(node.positional(), lists))).append("\n      ;;\n");
    }
    sb.append("  esac\n}\n\n");

    sb.append(fn).append("_complete_values() {\n");
    sb.append("  case $1 in\n");
    sb.append("    (files) _files ;;\n");
    sb.append("    (none) ;;\n");
    sb.append("    (*) compadd -- \"${(@P)1}\" ;;\n");
    sb.append("  esac\n}\n\n");

    sb.append(fn).append("() {\n");
    sb.append("  local -a path subcommands options\n");
    sb.append("  local -A values\n");
    sb.append("  local positional word\n");
    sb.append("  local -i i skip=0\n");
    sb.append("  # Words before the cursor: a subcommand name extends the path, an option that takes a\n");
    sb.append("  # value makes the next word its value.\n");
    sb.append("  for (( i = 2; i < CURRENT; i++ )); do\n");
    sb.append("    word=${words[i]}\n");
    sb.append("    ").append(fn).append("_node \"${(j: :)path}\"\n");
    sb.append("    if (( skip )); then skip=0; continue; fi\n");
    sb.append("    if [[ -n ${values[$word]} ]]; then skip=1; continue; fi\n");
    sb.append("    if (( ${subcommands[(I)${word}:*]} )); then path+=(\"$word\"); fi\n");
    sb.append("  done\n");
    sb.append("  ").append(fn).append("_node \"${(j: :)path}\"\n");
    sb.append("  if (( skip )); then\n");
    sb.append("    ").append(fn).append("_complete_values \"${values[${words[CURRENT-1]}]}\"\n");
    sb.append("    return\n  fi\n");
    sb.append("  if [[ $PREFIX == -* ]]; then\n");
    sb.append("    _describe -t options option options\n");
    sb.append("    return\n  fi\n");
    sb.append("  (( ${#subcommands} )) && _describe -t commands command subcommands\n");
    sb.append("  ").append(fn).append("_complete_values \"$positional\"\n");
    sb.append("}\n\n");

    sb.append("# Autoloaded from $fpath the file is the body of ").append(fn).append("; sourced, it registers it.\n");
    sb.append("if [[ ${funcstack[1]} == ").append(fn).append(" ]]; then\n");
    sb.append("  ").append(fn).append(" \"$@\"\nelse\n");
    sb.append("  compdef ").append(fn).append(' ').append(program).append("\nfi\n");
    return sb.toString();
  }

  /** What _complete_values gets: files, none, or the name of the array that holds the words. */
  private static String kind(Values v, Map<List<String>, String> lists) {
    return switch (v.kind()) {
      case FILES -> "files";
      case NONE -> "none";
      case WORDS -> lists.get(v.words());
    };
  }

  /** A {@code _describe} entry: colons in the name are escaped, the description follows the first plain one. */
  private static String describe(String name, String description) {
    return name.replace(":", "\\:") + (description.isEmpty() ? "" : ":" + description);
  }

  /** A zsh single-quoted string ('' is the empty word). */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
