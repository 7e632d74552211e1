package dev.crosskit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The fenced code blocks of README.md and docs/*.md, with their info strings: {@code ```toml} is
 * a crosskit.toml, {@code ```toml policy} an inspect policy file, {@code ```sh runnable} shell
 * commands the docs test runs (docs/testing.md).
 */
record DocBlocks(Path file, int line, List<String> info, List<String> lines) {
  static Path root() {
    Path p = Path.of("..").toAbsolutePath().normalize();
    if (!Files.isRegularFile(p.resolve("README.md"))) {
      throw new IllegalStateException("no README.md in " + p + ": run from a module directory");
    }
    return p;
  }

  /** README.md, then docs/*.md by name. */
  static List<Path> files() {
    List<Path> out = new ArrayList<>(List.of(root().resolve("README.md")));
    try (Stream<Path> docs = Files.list(root().resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static List<DocBlocks> all() {
    List<DocBlocks> out = new ArrayList<>();
    for (Path f : files()) {
      out.addAll(of(f));
    }
    return out;
  }

  static List<DocBlocks> of(Path file) {
    List<String> text;
    try {
      text = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<DocBlocks> out = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      String l = text.get(i);
      if (!l.startsWith("```")) {
        continue;
      }
      List<String> info = Arrays.stream(l.substring(3).strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
      int start = i;
      List<String> body = new ArrayList<>();
      for (i++; i < text.size() && !text.get(i).startsWith("```"); i++) {
        body.add(text.get(i));
      }
      out.add(new DocBlocks(file, start + 1, info, List.copyOf(body)));
    }
    return out;
  }

  String language() {
    return info.isEmpty() ? "" : info.get(0);
  }

  boolean has(String word) {
    return info.contains(word);
  }

  /** An attribute {@code name=value} of the info string. */
  Optional<String> attribute(String name) {
    return info.stream().filter(w -> w.startsWith(name + "=")).map(w -> w.substring(name.length() + 1)).findFirst();
  }

  String where() {
    return root().relativize(file) + ":" + line;
  }

  String text() {
    return String.join("\n", lines) + "\n";
  }

  /** The commands of a shell block: comments and blank lines dropped, backslash continuations joined. */
  List<String> commands() {
    List<String> out = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String l : lines) {
      if (l.strip().startsWith("#") || l.isBlank()) {
        continue;
      }
      if (l.endsWith("\\")) {
        pending.append(l, 0, l.length() - 1);
        continue;
      }
      pending.append(l);
      out.add(pending.toString().strip());
      pending.setLength(0);
    }
    return out;
  }
}
