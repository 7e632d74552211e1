package dev.crosskit.cli;

import dev.crosskit.target.Scheme;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The values shell completion offers for options and parameters ({@code completionCandidates} in
 * the command annotations). Shell scripts and man pages are generated from the same command
 * model, so a value listed here reaches bash, zsh and fish alike.
 */
final class CompletionCandidates {
  private CompletionCandidates() {}

  /**
   * Every spelling the target resolver accepts as an exact name: catalog names, aliases and the
   * parseable scheme names (Rust, Docker, Debian, ...). Spellings with blanks (the Go
   * environment form) are left out: a shell would split them into several words.
   */
  static final class Targets implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return spellings().iterator();
    }

    static SortedSet<String> spellings() {
      SortedSet<String> all = new TreeSet<>();
      for (Target t : TargetResolver.builtIn().catalog().all()) {
        all.add(t.name());
        all.addAll(t.aliases());
        for (Scheme s : Scheme.values()) {
          if (s.parseable()) {
            s.render(t).ifPresent(all::add);
          }
        }
      }
      all.removeIf(s -> s.isBlank() || s.chars().anyMatch(Character::isWhitespace));
      return all;
    }
  }

  /** The naming schemes of {@code targets convert --to}. */
  static final class Schemes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Scheme.values()).map(Scheme::key).iterator();
    }
  }

  /** {@code crosskit env --format}. */
  static final class EnvFormats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("sh", "fish", "json").iterator();
    }
  }

  /** {@code crosskit toolchain-file --format}. */
  static final class ToolchainFileFormats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("cmake", "meson", "cargo").iterator();
    }
  }

  /** {@code crosskit package --format}. */
  static final class PackageFormats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("auto", "tar.gz", "zip").iterator();
    }
  }

  /** {@code crosskit completion SHELL}. */
  static final class Shells implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return List.of("bash", "zsh", "fish").iterator();
    }
  }
}
