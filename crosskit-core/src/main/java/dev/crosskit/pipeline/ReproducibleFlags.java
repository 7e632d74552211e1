package dev.crosskit.pipeline;

import dev.crosskit.config.TargetSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What makes a build's output independent of when and where it ran: SOURCE_DATE_EPOCH (gcc and
 * clang take __DATE__/__TIME__ from it), the source and build directories mapped to "." in
 * debug info and __FILE__ (gcc/clang {@code -ffile-prefix-map}, with the compiler, rustc {@code --remap-path-prefix},
 * go {@code -trimpath}). On by default; {@code [build] reproducible = false} turns it off.
 *
 * @param sourceDateEpoch seconds since 1970
 * @param dirs the absolute directories to map to "."
 * @param rustTriple the target's Rust triple, or null when Rust has none
 */
record ReproducibleFlags(long sourceDateEpoch, List<Path> dirs, String rustTriple) {
  private static final Pattern NATIVE = Pattern.compile("-m(arch|cpu|tune)=native\\b");

  static boolean enabled(TargetSettings settings) {
    return settings.tree().path("build").path("reproducible").asBoolean(true);
  }

  /** The C and C++ compile flags, which go with the compiler ({@link dev.crosskit.toolchainfile.CompilerFlags}). */
  List<String> compileFlags() {
    return dirs.stream().distinct().map(d -> "-ffile-prefix-map=" + d + "=.").toList();
  }

  /**
   * The variables to append to: GOFLAGS and Cargo's per-target rustflags variable. Not
   * RUSTFLAGS: when set it makes Cargo ignore {@code target.<triple>.rustflags} from
   * .cargo/config.toml, whereas CARGO_TARGET_<TRIPLE>_RUSTFLAGS is merged with them.
   */
  Map<String, String> appended() {
    Map<String, String> env = new LinkedHashMap<>();
    List<String> rust = new ArrayList<>();
    for (Path d : dirs.stream().distinct().toList()) {
      rust.add("--remap-path-prefix=" + d + "=.");
    }
    if (rustTriple != null) {
      env.put(cargoRustflags(rustTriple), String.join(" ", rust));
    }
    env.put("GOFLAGS", "-trimpath");
    return env;
  }

  static String cargoRustflags(String triple) {
    return "CARGO_TARGET_" + triple.toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace('.', '_') + "_RUSTFLAGS";
  }

  /**
   * The first {@code -march=native}-like flag in the build's flags or configure command: the
   * host's CPU would tune, or worse select instructions for, a binary meant for another machine.
   */
  static Optional<String> nativeCpuFlag(Map<String, String> env, TargetSettings settings) {
    List<String> places = new ArrayList<>();
    for (String k : List.of("CC", "CXX", "CFLAGS", "CXXFLAGS", "CGO_CFLAGS", "RUSTFLAGS")) {
      places.add(env.getOrDefault(k, ""));
    }
    settings.configure().ifPresent(argv -> places.add(String.join(" ", argv)));
    settings.buildCommand().ifPresent(argv -> places.add(String.join(" ", argv)));
    for (String p : places) {
      Matcher m = NATIVE.matcher(p);
      if (m.find()) {
        return Optional.of(m.group());
      }
    }
    return Optional.empty();
  }
}
