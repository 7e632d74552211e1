package dev.crosskit.target;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.UserException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns any common spelling of a target into a catalog {@link Target}.
 *
 * <p>First an exact, case-insensitive match against every name, alias and parseable scheme
 * rendering; then a word-by-word reading ({@code linux-aarch_64}, {@code GOOS=linux GOARCH=arm},
 * {@code musl-linux-arm64}). A spelling that fits several targets resolves to the first in
 * catalog order (glibc before musl, armv7 before armv6) and says so. {@code +musl} or {@code +glibc}
 * appended to any spelling picks the libc ({@code linux/arm64+musl}).
 */
public final class TargetResolver {
  private static final Pattern ZIG_GLIBC = Pattern.compile("^(.*-gnu[a-z0-9]*)\\.(\\d+\\.\\d+)$");
  private static final Pattern WORD_SPLIT = Pattern.compile("[-/\\s=,:]+");
  private static volatile TargetResolver builtIn;

  private final TargetCatalog catalog;
  private final Spellings spellings;
  private final Map<String, List<Target>> exact = new LinkedHashMap<>();

  TargetResolver(TargetCatalog catalog, Spellings spellings) {
    this.catalog = catalog;
    this.spellings = spellings;
    for (Target t : catalog.all()) {
      add(t.name(), t);
      t.aliases().forEach(a -> add(a, t));
      for (Scheme s : Scheme.values()) {
        if (s.parseable()) {
          s.render(t).ifPresent(r -> add(r, t));
        }
      }
    }
  }

  public static TargetResolver builtIn() {
    TargetResolver r = builtIn;
    if (r == null) {
      synchronized (TargetResolver.class) {
        r = builtIn;
        if (r == null) {
          r = builtIn = new TargetResolver(TargetCatalog.builtIn(), Spellings.builtIn());
        }
      }
    }
    return r;
  }

  public TargetCatalog catalog() {
    return catalog;
  }

  private void add(String spelling, Target t) {
    List<Target> list = exact.computeIfAbsent(spelling.toLowerCase(Locale.ROOT), k -> new ArrayList<>());
    // By identity (each catalog target is one object): a record's equals is bootstrapped through
    // ObjectMethods on first use, which spins method handles — ~20 ms of every command's start-up.
    for (Target known : list) {
      if (known == t) {
        return;
      }
    }
    list.add(t);
  }

  /** Resolves a spelling to its target; the same as {@code resolve(input).target()}. */
  public Target target(String input) {
    return resolve(input).target();
  }

  /**
   * Resolves a spelling.
   *
   * @throws UnknownTargetException when nothing matches (with the closest known names)
   * @throws UserException when the spelling is empty
   */
  public Resolution resolve(String input) {
    if (input == null || input.isBlank()) {
      throw new BadInputException("empty target name; run 'crosskit targets' for the list of targets");
    }
    String spelling = input.trim().toLowerCase(Locale.ROOT);
    String libcWanted = null;
    int plus = spelling.lastIndexOf('+');
    if (plus > 0) {
      libcWanted = spellings.libc().get(spelling.substring(plus + 1));
      if (libcWanted == null) {
        throw new BadInputException("unknown libc '" + spelling.substring(plus + 1) + "' in target '" + input.trim()
            + "'; use +glibc or +musl");
      }
      spelling = spelling.substring(0, plus);
    }
    String glibcVersion = null;
    Matcher zig = ZIG_GLIBC.matcher(spelling);
    if (zig.matches()) {
      spelling = zig.group(1);
      glibcVersion = zig.group(2);
    }

    List<Target> matches = exactMatches(spelling, libcWanted);
    if (matches.isEmpty()) {
      matches = wordMatches(spelling, libcWanted);
    }
    if (matches.isEmpty()) {
      throw new UnknownTargetException(input.trim(), suggestions(spelling));
    }
    return new Resolution(input.trim(), matches.get(0), List.copyOf(matches.subList(1, matches.size())), glibcVersion);
  }

  private List<Target> exactMatches(String spelling, String libcWanted) {
    var byName = catalog.byName(spelling);
    if (byName.isPresent() && libcWanted == null) {
      return List.of(byName.get());
    }
    List<Target> hits = exact.getOrDefault(spelling, List.of());
    return hits.stream().filter(t -> libcWanted == null || libcWanted.equals(t.libc())).toList();
  }

  private List<Target> wordMatches(String spelling, String libcWanted) {
    Set<String> arches = null;
    String os = null;
    String libc = libcWanted;
    String floatAbi = null;
    for (String word : WORD_SPLIT.split(spelling)) {
      if (word.isEmpty() || spellings.ignore().contains(word)) {
        continue;
      }
      if (!spellings.known(word)) {
        return List.of();
      }
      Set<String> a = spellings.arch().containsKey(word) ? spellings.arch().get(word) : spellings.variant().get(word);
      if (a != null) {
        arches = arches == null ? new LinkedHashSet<>(a) : intersect(arches, a);
      }
      if (spellings.os().containsKey(word)) {
        os = spellings.os().get(word);
      }
      if (spellings.libc().containsKey(word) && libcWanted == null) {
        libc = spellings.libc().get(word);
      }
      if (spellings.floatAbi().containsKey(word)) {
        floatAbi = spellings.floatAbi().get(word);
      }
    }
    if (arches == null) {
      return List.of(); // an OS or libc alone names no target
    }
    List<Target> out = new ArrayList<>();
    for (Target t : catalog.all()) {
      if (arches.contains(t.archKey())
          && (os == null || os.equals(t.os()))
          && (libc == null || libc.equals(t.libc()))
          && (floatAbi == null || floatAbi.equals(t.floatAbi()))) {
        out.add(t);
      }
    }
    return out;
  }

  private static Set<String> intersect(Set<String> a, Set<String> b) {
    Set<String> out = new LinkedHashSet<>(a);
    out.retainAll(b);
    return out;
  }

  /** Up to three target names whose spellings are closest to the input. */
  List<String> suggestions(String spelling) {
    Map<String, Integer> best = new LinkedHashMap<>();
    for (Map.Entry<String, List<Target>> e : exact.entrySet()) {
      int d = editDistance(spelling, e.getKey());
      for (Target t : e.getValue()) {
        best.merge(t.name(), d, Math::min);
      }
    }
    int limit = Math.max(3, spelling.length() / 2);
    Set<String> seen = new HashSet<>();
    return best.entrySet().stream()
        .filter(e -> e.getValue() <= limit)
        .sorted(Comparator.comparingInt(Map.Entry<String, Integer>::getValue))
        .map(Map.Entry::getKey)
        .filter(seen::add)
        .limit(3)
        .toList();
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
