package dev.crosskit.pipeline;

import dev.crosskit.config.TargetSettings;
import dev.crosskit.emulate.Runner;
import dev.crosskit.toolchain.Toolchain;
import dev.crosskit.toolchainfile.ToolchainEnv;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The environment a target's build runs with: the toolchain's variables, host compilers for
 * tools that run during the build (the host-tool / target-artifact split), then the user's
 * [build] env. The user's CFLAGS, CXXFLAGS and LDFLAGS are appended to crosskit's rather than
 * replacing them, so the target's ISA and float-ABI flags survive a per-target tweak. The
 * reproducibility flags ({@link ReproducibleFlags}) come between the two.
 */
final class BuildEnvironment {
  private static final Set<String> APPENDED = Set.of("CFLAGS", "CXXFLAGS", "LDFLAGS");
  private static final Map<String, String> HOST_TOOLS = Map.of(
      "CC_FOR_BUILD", "cc", "CXX_FOR_BUILD", "c++", "BUILD_CC", "cc", "HOSTCC", "cc");

  private BuildEnvironment() {}

  static Map<String, String> of(Toolchain tc, Optional<Runner> runner, TargetSettings settings) {
    return of(tc, runner, settings, Optional.empty(), Map.of());
  }

  /**
   * The full environment: crosskit's toolchain variables, then the build system's own (Go's,
   * Cargo's), then the reproducibility flags when present, then the user's, who has the last word.
   */
  static Map<String, String> of(Toolchain tc, Optional<Runner> runner, TargetSettings settings,
      Optional<ReproducibleFlags> reproducible, Map<String, String> adapterVariables) {
    Map<String, String> env = new LinkedHashMap<>(ToolchainEnv.variables(tc, runner));
    HOST_TOOLS.forEach(env::putIfAbsent);
    env.putAll(adapterVariables);
    reproducible.ifPresent(r -> {
      env.put("SOURCE_DATE_EPOCH", Long.toString(r.sourceDateEpoch()));
      r.appended().forEach((k, v) -> append(env, k, v));
    });
    String extra = settings.cflags();
    if (!extra.isBlank()) {
      append(env, "CFLAGS", extra);
      append(env, "CXXFLAGS", extra);
    }
    settings.env().forEach((k, v) -> {
      if (APPENDED.contains(k)) {
        append(env, k, v);
      } else {
        env.put(k, v);
      }
    });
    return env;
  }

  private static void append(Map<String, String> env, String key, String value) {
    String old = env.getOrDefault(key, "");
    env.put(key, old.isBlank() ? value : old + " " + value);
  }
}
