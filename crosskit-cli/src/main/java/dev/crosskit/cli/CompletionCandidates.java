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

  /** A fixed list of words (picocli creates the subclasses through their no-argument constructors). */
  abstract static class Words implements Iterable<String> {
    private final List<String> words;

    Words(String... words) {
      this.words = List.of(words);
    }

    @Override
    public Iterator<String> iterator() {
      return words.iterator();
    }
  }

  /** {@code crosskit env --format}. */
  static final class EnvFormats extends Words {
    EnvFormats() {
      super("sh", "fish", "json");
    }
  }

  /** {@code crosskit toolchain-file --format}. */
  static final class ToolchainFileFormats extends Words {
    ToolchainFileFormats() {
      super("cmake", "meson", "cargo");
    }
  }

  /** {@code crosskit package --format}. */
  static final class PackageFormats extends Words {
    PackageFormats() {
      super("auto", "tar.gz", "zip");
    }
  }

  /** {@code crosskit completion SHELL}. */
  static final class Shells extends Words {
    Shells() {
      super("bash", "zsh", "fish");
    }
  }
}
