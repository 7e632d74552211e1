package dev.crosskit.pipeline;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.FailedException;
import dev.crosskit.base.UserException;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.host.Host;
import dev.crosskit.sysroot.BuildSysroots;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.MissingToolchainException;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchain.ToolchainFinder;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.function.Consumer;

/**
 * The toolchain a target's build gets from its settings: the sysroot they call for (musl,
 * [build] packages, a glibc floor, a macOS SDK) made or found in crosskit's cache first, C++ where that
 * sysroot serves it, and a bare-metal target's board. The one way to it: the build's provision
 * step, {@code crosskit env} and {@code crosskit toolchain-file} all come here, so a user's own
 * build gets what {@code crosskit build} does.
 */
public final class Provisioning {
  private Provisioning() {}

  /**
   * @param cxx whether the build needs C++ ({@link dev.crosskit.build.CxxSources#wanted}): a musl
   *     target's libstdc++ is then made too (minutes, once)
   * @param log what provisioning does (downloads, musl source builds), line by line
   * @param logHint where the caller keeps that log, for the failure message (may be empty)
   * @throws UserException when a part is missing or the sysroot cannot be made
   */
  public static Toolchain toolchain(Host host, Target target, TargetSettings settings, boolean cxx,
      Consumer<String> log, String logHint) {
    BuildSysroots sysroots = host.buildSysroots(settings.packages(), settings.glibc().orElse(null), cxx, log);
    if (sysroots.applies(target)) {
      log.accept("sysroot for " + target.name() + describe(settings));
    } else if (!settings.packages().isEmpty() || settings.glibc().isPresent()) {
      log.accept("packages/glibc ignored: " + target.name() + " has no Debian sysroot (Linux glibc targets only)");
    }
    try {
      ToolchainFinder.Assessment a = host.finder(host.withMacSdk(sysroots, settings.sdk().orElse(null),
          settings.macos().orElse(null))).assess(target);
      Toolchain tc = a.toolchain();
      if (!tc.complete()) {
        throw new MissingToolchainException(target.name(), tc.missing());
      }
      if (tc.cxx() != null && settings.cxx().filter(on -> !on).isPresent()) {
        log.accept("no C++: [build] cxx = false");
        tc = tc.withoutCxx();
      } else if (tc.cxx() == null && a.cxxGap() != null) {
        log.accept("no C++: " + a.cxxGap().fix());
      } else if (tc.cxx() != null) {
        log.accept("C++: " + tc.cxx());
      }
      if (target.isBareMetal()) {
        settings.linkerScript().filter(p -> !Files.isRegularFile(p)).ifPresent(p -> {
          throw new BadInputException("[board] linker-script " + p + " does not exist");
        });
        tc = tc.forBoard(settings.board(target), settings.linkerScript().orElse(null));
        log.accept("board: " + tc.board().name() + ", flash " + tc.board().flash() + ", ram " + tc.board().ram()
            + settings.linkerScript().map(p -> ", linker script " + p).orElse(""));
      }
      log.accept("toolchain: " + tc.kind() + " " + tc.cc() + (tc.sysroot() != null ? ", sysroot " + tc.sysroot() : ""));
      return tc;
    } catch (UserException | UncheckedIOException e) {
      log.accept("failed: " + e.getMessage());
      if (!sysroots.applies(target)) {
        throw e;
      }
      // PrivateApt's messages say what failed (index, resolve, download); this says for which build.
      throw new FailedException("could not make the sysroot for " + target.name() + describe(settings) + ": "
          + e.getMessage() + logHint);
    }
  }

  private static String describe(TargetSettings s) {
    StringBuilder sb = new StringBuilder();
    s.glibc().ifPresent(g -> sb.append(" (glibc floor ").append(g).append(')'));
    if (!s.packages().isEmpty()) {
      sb.append(" with ").append(String.join(", ", s.packages()));
    }
    return sb.toString();
  }
}
