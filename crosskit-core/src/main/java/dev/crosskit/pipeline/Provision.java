package dev.crosskit.pipeline;

import dev.crosskit.base.FailedException;
import dev.crosskit.base.UserException;
import dev.crosskit.config.TargetSettings;
import dev.crosskit.host.Host;
import dev.crosskit.sysroot.BuildSysroots;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The provision step: the target's toolchain, with the sysroot its settings call for (musl,
 * [build] packages, a glibc floor) made or found in crosskit's cache first. What that does
 * (downloads, musl source builds) goes to {@code logs/provision.log}.
 */
final class Provision {
  static final String LOG = "provision.log";

  private Provision() {}

  /** @throws UserException when a part is missing or the sysroot cannot be made (the log has the details) */
  static Toolchain toolchain(Host host, Target target, TargetSettings settings, Path log) throws IOException {
    Files.createDirectories(log.getParent());
    try (Writer w = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
      BuildSysroots sysroots = host.buildSysroots(settings.packages(), settings.glibc().orElse(null),
          line -> write(w, line));
      if (sysroots.applies(target)) {
        write(w, "sysroot for " + target.name() + describe(settings));
      } else if (!settings.packages().isEmpty() || settings.glibc().isPresent()) {
        write(w, "packages/glibc ignored: " + target.name() + " has no Debian sysroot (Linux glibc targets only)");
      }
      try {
        Toolchain tc = host.finder(host.withMacSdk(sysroots, settings.sdk().orElse(null), settings.macos().orElse(null)))
            .require(target);
        if (tc.cxx() != null && !sysroots.cxxSupported(target)) {
          write(w, "no C++ for glibc floor " + settings.glibc().orElse("") + ": the host's libstdc++ needs a newer glibc"
              + " (docs/sysroots.md); C only");
          tc = new Toolchain(tc.target(), tc.kind(), tc.cc(), null, tc.ar(), tc.ranlib(), tc.strip(), tc.sysroot(),
              tc.cflags(), tc.ldflags(), tc.missing(), tc.provided());
        }
        write(w, "toolchain: " + tc.kind() + " " + tc.cc() + (tc.sysroot() != null ? ", sysroot " + tc.sysroot() : ""));
        return tc;
      } catch (UserException | UncheckedIOException e) {
        write(w, "failed: " + e.getMessage());
        if (!sysroots.applies(target)) {
          throw e;
        }
        // PrivateApt's messages say what failed (index, resolve, download); this says for which build.
        throw new FailedException("could not make the sysroot for " + target.name() + describe(settings) + ": "
            + e.getMessage() + " (log: " + target.name() + "/logs/" + LOG + ")");
      }
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

  private static void write(Writer w, String line) {
    try {
      w.write(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + line + "\n");
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
