package dev.crosskit.cli;

import dev.crosskit.target.TargetResolver;
import java.util.List;
import java.util.Set;

/**
 * Reads the built-in target catalog on a second thread while the main one sets up the host and
 * the command model. Nearly every command resolves a target name, and the first read costs some
 * 25 ms of start-up, most of it not the catalog's: jackson-core's parser classes and the static
 * tables of {@link java.math.BigDecimal} that they initialise. On another core that overlaps with
 * the rest of start-up instead of following it. The catalog is read once either way
 * ({@link TargetResolver#builtIn} is synchronised); a command that needs it before the thread is
 * done waits for it. Help, version and completion output read no catalog, so they start no thread.
 */
final class CatalogWarmup {
  private CatalogWarmup() {}

  /** Commands that never resolve a target. */
  private static final Set<String> NO_CATALOG = Set.of("help", "completion", "cache", "report", "init", "sdk");
  private static final Set<String> HELP_OR_VERSION = Set.of("-h", "--help", "-V", "--version");

  static void start(String... args) {
    if (needsNoCatalog(List.of(args))) {
      return;
    }
    Thread thread = new Thread(CatalogWarmup::read, "crosskit-catalog-warmup");
    thread.setDaemon(true);
    thread.start();
  }

  static boolean needsNoCatalog(List<String> args) {
    if (args.stream().anyMatch(HELP_OR_VERSION::contains)) {
      return true;
    }
    return args.stream().filter(a -> !a.startsWith("-")).findFirst().map(NO_CATALOG::contains).orElse(true);
  }

  private static void read() {
    try {
      TargetResolver.builtIn();
    } catch (RuntimeException e) {
      // the command that needs the catalog reads it again, and reports what is wrong
    }
  }
}
