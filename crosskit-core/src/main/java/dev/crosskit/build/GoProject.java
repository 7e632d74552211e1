package dev.crosskit.build;

import dev.crosskit.base.BadInputException;
import dev.crosskit.config.TargetSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.regex.Pattern;

/** Facts about a Go project that decide how crosskit builds it. */
final class GoProject {
  /** {@code import "C"}, alone or as a line of an import block. */
  private static final Pattern IMPORT_C = Pattern.compile("(?m)^\\s*(?:import\\s+(?:\\(\\s*)?)?\"C\"\\s*(?:\\)\\s*)?$");

  private GoProject() {}

  /** Whether to build with cgo: {@code [build] cgo} when set, else whether any Go file imports "C". */
  static boolean cgo(Path projectDir, TargetSettings settings) {
    return settings.cgo().orElseGet(() -> importsC(projectDir));
  }

  /** Whether a .go file of the project (vendored packages included, testdata not) imports "C". */
  static boolean importsC(Path dir) {
    boolean[] found = {false};
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
          String name = d.getFileName() == null ? "" : d.getFileName().toString();
          boolean skip = !d.equals(dir) && (name.equals("testdata") || name.startsWith(".") || name.startsWith("_")
              || name.equals("target") && Files.isDirectory(d.resolve("crosskit")));
          return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
          if (attrs.isRegularFile() && f.toString().endsWith(".go") && IMPORT_C.matcher(Files.readString(f, StandardCharsets.UTF_8)).find()) {
            found[0] = true;
            return FileVisitResult.TERMINATE;
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Go sources in " + dir, e);
    }
    return found[0];
  }

  /**
   * The runner argv as one {@code go test -exec} value. Go splits that value into words itself
   * (spaces separate, single or double quotes group), so every word is quoted when needed; no
   * shell is involved.
   */
  static String execString(List<String> argv) {
    StringBuilder sb = new StringBuilder();
    for (String word : argv) {
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      boolean plain = !word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '"');
      if (plain) {
        sb.append(word);
      } else if (word.indexOf('\'') < 0) {
        sb.append('\'').append(word).append('\'');
      } else if (word.indexOf('"') < 0) {
        sb.append('"').append(word).append('"');
      } else {
        throw new BadInputException("cannot pass the runner argument " + word + " to go test -exec: it holds both kinds of quote");
      }
    }
    return sb.toString();
  }
}
