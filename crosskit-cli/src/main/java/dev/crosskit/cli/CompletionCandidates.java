package dev.crosskit.cli;

import dev.crosskit.target.Board;
import dev.crosskit.target.Scheme;
import dev.crosskit.target.Target;
import dev.crosskit.target.TargetResolver;
import java.util.Arrays;
import java.util.Iterator;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The values shell completion offers for options and parameters whose type does not list them
 * ({@code completionCandidates} in the command annotations): names from the catalogs. An option
 * whose values are an enum ({@code --format}, the completion's shell) needs nothing here: picocli
 * offers the enum's constants, the same words its converter accepts and its help lists. Shell
 * scripts and man pages are generated from the same command model, so a value listed here
 * reaches bash, zsh and fish alike.
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

  /** The naming schemes of {@code targets convert --to} (a comma-separated list, so kept as words). */
  static final class Schemes implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Scheme.values()).map(Scheme::key).iterator();
    }
  }

  /** The bare-metal boards of {@code --board}, from the board catalog. */
  static final class Boards implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return dev.crosskit.target.Boards.builtIn().all().stream().map(Board::name).iterator();
    }
  }
}
