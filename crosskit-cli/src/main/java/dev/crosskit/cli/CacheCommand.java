package dev.crosskit.cli;

import dev.crosskit.base.Json;
import dev.crosskit.cache.CompileCacheStore;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code crosskit cache}: the compile cache (ccache) in crosskit's cache directory. */
@Command(
    name = "cache",
    mixinStandardHelpOptions = true,
    description = {"Show or empty the compile cache that every C and C++ build goes through.",
        "It is ccache, keeping its objects in crosskit's cache ($CROSSKIT_HOME/ccache, or ~/.cache/crosskit/ccache),",
        "and the configure cache beside it (configure-cache): the check results of CMake and autoconf configure steps.",
        "Turn both off with [build] cache = false in crosskit.toml or with --no-cache."},
    subcommands = {CacheCommand.Stats.class, CacheCommand.Clean.class},
    footer = {"", "Examples:", "  crosskit cache stats", "  crosskit cache stats --json", "  crosskit cache clean"})
final class CacheCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static CompileCacheStore store(CommandSpec spec) {
    var host = Main.host(spec);
    return new CompileCacheStore(host.compileCache(), host.configureCache(), host.processes());
  }

  @Command(name = "stats", mixinStandardHelpOptions = true,
      description = "Show the compile cache's hits, misses and size since it was made or last cleaned, and the configure cache's entries.",
      footer = {"", "Per build, report.json counts each target's hits and misses (compileCache).",
          "", "Examples:", "  crosskit cache stats", "  crosskit cache stats --json"})
  static final class Stats implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin SharedOptions.Json json;

    @Override
    public Integer call() {
      CompileCacheStore.Totals t = store(spec).stats();
      PrintWriter out = spec.commandLine().getOut();
      if (json.json) {
        out.println(Json.write(t));
        return ExitCodes.OK;
      }
      long calls = t.hits() + t.misses();
      out.println("Compile cache: " + t.dir());
      out.printf(Locale.ROOT, "  hits     %d%s%n", t.hits(),
          calls == 0 ? "" : String.format(Locale.ROOT, " (%.0f%% of %d compilations)", 100.0 * t.hits() / calls, calls));
      out.printf(Locale.ROOT, "  misses   %d%n", t.misses());
      out.printf(Locale.ROOT, "  files    %d%n", t.files());
      out.printf(Locale.ROOT, "  size     %s%s%n", size(t.sizeKib()), t.maxSizeKib() > 0 ? " of " + size(t.maxSizeKib()) : "");
      out.println("Configure cache: " + t.configure().dir());
      out.printf(Locale.ROOT, "  entries  %d%n", t.configure().entries());
      out.printf(Locale.ROOT, "  size     %s%n", size((t.configure().bytes() + 1023) / 1024));
      return ExitCodes.OK;
    }

    static String size(long kib) {
      return kib >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f GiB", kib / 1048576.0)
          : kib >= 1024 ? String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0) : kib + " KiB";
    }
  }

  @Command(name = "clean", mixinStandardHelpOptions = true,
      description = "Remove every object from the compile cache and every configure result, and zero the counters; the next build compiles and configures everything.",
      footer = {"", "Examples:", "  crosskit cache clean"})
  static final class Clean implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      CompileCacheStore store = store(spec);
      store.clean();
      CompileCacheStore.Totals t = store.stats();
      spec.commandLine().getOut().println("Compile cache emptied: " + t.dir() + "; configure cache emptied: " + t.configure().dir());
      return ExitCodes.OK;
    }
  }
}
