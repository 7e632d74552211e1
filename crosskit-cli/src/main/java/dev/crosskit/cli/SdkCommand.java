package dev.crosskit.cli;

import dev.crosskit.base.FailedException;
import dev.crosskit.base.Json;
import dev.crosskit.base.UserException;
import dev.crosskit.report.Table;
import dev.crosskit.sdk.MacSdkProvider;
import dev.crosskit.sdk.SdkStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crosskit sdk}: the macOS SDKs Darwin builds use (the user's own: crosskit cannot download them). */
@Command(
    name = "sdk",
    mixinStandardHelpOptions = true,
    description = {"Manage the macOS SDKs that Darwin builds compile and link against.",
        "They are kept in crosskit's cache. Apple's licence keeps crosskit from downloading one: make a tarball",
        "from Xcode (docs/macos.md) and add it. A build uses [target.X] sdk when set, else $SDKROOT, else the",
        "newest added."},
    subcommands = {SdkCommand.Add.class, SdkCommand.ListCmd.class, SdkCommand.Remove.class},
    footer = {"", "Examples:",
        "  crosskit sdk add ~/MacOSX14.2.sdk.tar.xz",
        "  crosskit sdk add /Volumes/Xcode/Xcode.app/Contents/Developer/Platforms/MacOSX.platform/Developer/SDKs/MacOSX.sdk",
        "  crosskit sdk list",
        "  crosskit sdk remove 14.2",
        "  SDKROOT=/opt/MacOSX14.2.sdk crosskit build --target aarch64-apple-darwin"})
final class SdkCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static SdkStore store(CommandSpec spec) {
    return Main.host(spec).sdks();
  }

  static Map<String, Object> describe(SdkStore.Stored s, boolean used) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("version", s.sdk().version());
    m.put("archs", s.sdk().archs());
    m.put("minimumDeployment", s.sdk().minimumDeployment());
    m.put("root", s.sdk().root().toString());
    m.put("source", s.source());
    m.put("added", s.added());
    m.put("usedByBuilds", used);
    return m;
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = {"Add a macOS SDK from a MacOSX<version>.sdk directory or a tar archive of one.",
          "Archives may be .tar, .tar.gz, .tar.xz or .tar.bz2, as osxcross's gen_sdk_package.sh writes. The SDK must",
          "have SDKSettings.json (its Version is recorded) and usr/lib/libSystem.tbd. Archives are unpacked without",
          "ever writing outside the cache: entries with '..' or absolute names and symlinks leading out are refused.",
          "Adding a version again replaces it."},
      footer = {"", "Examples:", "  crosskit sdk add MacOSX14.2.sdk.tar.xz", "  crosskit sdk add ~/sdks/MacOSX13.3.sdk"})
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PATH|TARBALL", description = "An SDK directory or a tar archive of one.")
    Path source;

    @Mixin SharedOptions.Json json;

    @Override
    public Integer call() {
      long start = System.nanoTime();
      SdkStore.Stored s = store(spec).add(source);
      PrintWriter out = spec.commandLine().getOut();
      if (json.json) {
        out.println(Json.write(describe(s, false)));
        return ExitCodes.OK;
      }
      out.printf(java.util.Locale.ROOT, "added macOS SDK %s (%s) in %.1fs%n", s.sdk().version(),
          s.sdk().archs().isEmpty() ? "archs not listed" : String.join(", ", s.sdk().archs()),
          (System.nanoTime() - start) / 1e9);
      out.println("  " + s.sdk().root());
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the SDKs in the cache, newest first, and say which one builds use.",
      footer = {"", "Examples:", "  crosskit sdk list", "  crosskit sdk list --json"})
  static final class ListCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin SharedOptions.Json json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<SdkStore.Stored> all = store(spec).list();
      Optional<MacSdkProvider.Choice> used;
      try {
        used = Main.host(spec).macSdks(null, null, false).choice();
      } catch (UserException e) {
        used = Optional.empty(); // SDKROOT names no SDK: the list is still right; builds will say what is wrong
        spec.commandLine().getErr().println("crosskit: note: " + e.getMessage());
      }
      Path usedRoot = used.map(c -> c.sdk().root()).orElse(null);
      if (json.json) {
        out.println(Json.write(all.stream().map(s -> describe(s, s.sdk().root().equals(usedRoot))).toList()));
        return ExitCodes.OK;
      }
      if (all.isEmpty()) {
        out.println("No macOS SDKs in the cache. Add one with: crosskit sdk add PATH|TARBALL (see docs/macos.md)");
      } else {
        Table table = new Table("VERSION", "ARCHS", "BUILDS USE", "ROOT", "ADDED FROM");
        for (SdkStore.Stored s : all) {
          table.row(s.sdk().version(), String.join(",", s.sdk().archs()),
              s.sdk().root().equals(usedRoot) ? "yes" : "", s.sdk().root().toString(), s.source());
        }
        out.print(table.render());
      }
      if (usedRoot != null && all.stream().noneMatch(s -> s.sdk().root().equals(usedRoot))) {
        out.println("Builds use SDK " + used.get().sdk().version() + " from " + used.get().from() + ": " + usedRoot);
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete an SDK from the cache.",
      footer = {"", "Examples:", "  crosskit sdk remove 14.2", "  crosskit sdk remove MacOSX13.3.sdk"})
  static final class Remove implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "VERSION|NAME", description = "The SDK's version (14.2) or name (MacOSX14.2.sdk).")
    String sdk;

    @Override
    public Integer call() {
      SdkStore store = store(spec);
      SdkStore.Stored removed = store.remove(sdk).orElseThrow(() -> new FailedException("no macOS SDK " + sdk
          + " in the cache (" + (store.list().isEmpty() ? "it has none" : "it has "
          + String.join(", ", store.list().stream().map(s -> s.sdk().version()).toList())) + ")"));
      spec.commandLine().getOut().println("removed macOS SDK " + removed.sdk().version() + " (" + removed.sdk().root() + ")");
      return ExitCodes.OK;
    }
  }
}
