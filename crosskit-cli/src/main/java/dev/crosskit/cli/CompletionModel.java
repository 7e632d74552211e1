package dev.crosskit.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The command tree as the zsh and fish scripts need it: for every command path, its
 * subcommands, options and what its values complete to. Read from the picocli model, so a new
 * command or option completes without touching the shell scripts.
 */
record CompletionModel(List<String> path, String description, List<CompletionModel> subcommands,
    List<Option> options, Values positional) {

  /** What a word completes to: a fixed list, file names, or nothing at all (a flag, a number). */
  record Values(Kind kind, List<String> words) {
    enum Kind { WORDS, FILES, NONE }

    static final Values FILES = new Values(Kind.FILES, List.of());
    static final Values NONE = new Values(Kind.NONE, List.of());
  }

  /** One option: its names, first description line, whether it takes a value, and what that value completes to. */
  record Option(List<String> names, String description, boolean takesValue, Values values) {}

  static CompletionModel of(CommandLine root) {
    return of(root.getCommandSpec(), List.of());
  }

  private static CompletionModel of(CommandSpec spec, List<String> path) {
    List<CompletionModel> subs = new ArrayList<>();
    for (Map.Entry<String, CommandLine> e : spec.subcommands().entrySet()) {
      CommandSpec sub = e.getValue().getCommandSpec();
      // aliases appear in subcommands() too; complete each command under its own name only
      if (!sub.usageMessage().hidden() && e.getKey().equals(sub.name())) {
        List<String> subPath = new ArrayList<>(path);
        subPath.add(sub.name());
        subs.add(of(sub, List.copyOf(subPath)));
      }
    }
    List<Option> options = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      if (!o.hidden()) {
        boolean takesValue = o.arity().max() > 0;
        options.add(new Option(List.of(o.names()), firstSentence(o.description()), takesValue,
            takesValue ? values(o) : Values.NONE));
      }
    }
    Values positional = Values.NONE;
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden()) {
        positional = values(p);
        break; // crosskit's commands complete their first positional kind; later ones are free text
      }
    }
    String[] summary = spec.usageMessage().header().length > 0 ? spec.usageMessage().header()
        : spec.usageMessage().description();
    return new CompletionModel(path, firstSentence(summary), List.copyOf(subs),
        List.copyOf(options), positional);
  }

  private static Values values(ArgSpec arg) {
    Iterable<String> candidates = arg.completionCandidates();
    if (candidates != null) {
      List<String> words = new ArrayList<>();
      candidates.forEach(words::add);
      return new Values(Values.Kind.WORDS, List.copyOf(words));
    }
    // A value that names something on disk completes to file names; free text (a tag, a
    // version, a count) completes to nothing rather than to misleading file names.
    List<Class<?>> types = List.of(arg.auxiliaryTypes()); // the element type of a List<Path>, else the type
    String label = arg.paramLabel();
    boolean onDisk = types.contains(java.nio.file.Path.class) || types.contains(java.io.File.class)
        || label.contains("FILE") || label.contains("DIR") || label.equals("TAR") || label.equals("PROGRAM");
    return onDisk ? Values.FILES : Values.NONE;
  }

  /** The first sentence of a description: a shell shows it next to the candidate, on one line. */
  private static String firstSentence(String[] description) {
    String text = String.join(" ", description).replace("%n", " ").replaceAll("\\s+", " ").strip();
    int end = text.indexOf(". ");
    return end < 0 ? text : text.substring(0, end + 1);
  }

  /** Every node of the tree, depth first, this one first. */
  List<CompletionModel> all() {
    List<CompletionModel> list = new ArrayList<>();
    list.add(this);
    subcommands.forEach(s -> list.addAll(s.all()));
    return list;
  }

  /** Each distinct list of value words in the tree, named {@code <prefix>_values_<n>} in tree order. */
  Map<List<String>, String> valueLists(String prefix) {
    Map<List<String>, String> lists = new LinkedHashMap<>();
    for (CompletionModel node : all()) {
      List<Values> values = new ArrayList<>();
      node.options.forEach(o -> values.add(o.values()));
      values.add(node.positional);
      for (Values v : values) {
        if (v.kind() == Values.Kind.WORDS) {
          lists.computeIfAbsent(v.words(), w -> prefix + "_values_" + (lists.size() + 1));
        }
      }
    }
    return lists;
  }

  /** The path as the scripts key it: subcommand names joined by single spaces ("" for the root). */
  String key() {
    return String.join(" ", path);
  }
}
