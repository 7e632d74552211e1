package dev.crosskit.toolchainfile;

import dev.crosskit.emulate.QemuRunner;
import dev.crosskit.emulate.Runner;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables a build for a target needs: compilers and binutils, flags,
 * pkg-config confined to the target's libraries, the Cargo and cc-crate variables, Go's, and how
 * to run the target's programs. A pure function of the toolchain and runner.
 */
public final class ToolchainEnv {
  private ToolchainEnv() {}

  public static Map<String, String> variables(Toolchain tc, Optional<Runner> runner) {
    Target t = tc.target();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CROSSKIT_TARGET", t.name());
    compiler(env, "CC", tc.cc(), tc.cflags());
    compiler(env, "CXX", tc.cxx(), tc.cflags());
    put(env, "AR", tc.ar());
    put(env, "RANLIB", tc.ranlib());
    put(env, "STRIP", tc.strip());
    env.put("CFLAGS", String.join(" ", tc.cflags()));
    env.put("CXXFLAGS", String.join(" ", tc.cflags()));
    env.put("LDFLAGS", String.join(" ", tc.ldflags()));
    if (t.gnuTriple() != null) {
      env.put("CHOST", t.gnuTriple()); // zlib-style configure scripts read CHOST instead of --host
    }
    pkgConfig(env, tc, runner);
    if (tc.provided() != null) {
      env.putAll(tc.provided().env()); // a provided sysroot's own pkg-config settings (PKG_CONFIG_SYSROOT_DIR, ...)
    }
    rust(env, tc, runner);
    go(env, tc);
    runner.ifPresent(r -> {
      env.put("CROSSKIT_RUNNER", String.join(" ", r.standaloneArgv()));
      if (r instanceof QemuRunner q && q.sysroot() != null) {
        env.put("QEMU_LD_PREFIX", q.sysroot().toString()); // for programs started through binfmt_misc
      }
      env.putAll(r.env());
    });
    return env;
  }

  private static void pkgConfig(Map<String, String> env, Toolchain tc, Optional<Runner> runner) {
    boolean cross = tc.sysroot() != null || runner.map(Runner::emulated).orElse(true);
    if (!cross) {
      return;
    }
    env.put("PKG_CONFIG", "pkg-config");
    // Only the target's .pc files: never the host's (PKG_CONFIG_PATH would add, LIBDIR replaces).
    env.put("PKG_CONFIG_PATH", "");
    if (tc.sysroot() != null) {
      Path s = tc.sysroot();
      String multiarch = tc.target().field("multiarch").orElse(tc.target().gnuTriple());
      env.put("PKG_CONFIG_LIBDIR", String.join(":", List.of(
          s.resolve("lib/pkgconfig").toString(),
          s.resolve("share/pkgconfig").toString(),
          s.resolve("usr/lib/" + multiarch + "/pkgconfig").toString(),
          s.resolve("usr/lib/pkgconfig").toString(),
          s.resolve("usr/share/pkgconfig").toString())));
    } else {
      env.put("PKG_CONFIG_LIBDIR", "");
    }
    env.put("PKG_CONFIG_ALLOW_CROSS", "1"); // the Rust pkg-config crate refuses cross builds without it
  }

  private static void rust(Map<String, String> env, Toolchain tc, Optional<Runner> runner) {
    String triple = tc.target().rustTriple();
    if (triple == null) {
      return;
    }
    String upper = triple.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    String lower = triple.replace('-', '_').replace('.', '_');
    put(env, "CARGO_TARGET_" + upper + "_LINKER", tc.cc());
    runner.filter(Runner::emulated).ifPresent(r ->
        env.put("CARGO_TARGET_" + upper + "_RUNNER", String.join(" ", r.standaloneArgv())));
    // The cc crate (build scripts compiling C) reads these per-target variables.
    put(env, "CC_" + lower, tc.cc());
    put(env, "CXX_" + lower, tc.cxx());
    put(env, "AR_" + lower, tc.ar());
    env.put("CFLAGS_" + lower, String.join(" ", tc.cflags()));
    env.put("CXXFLAGS_" + lower, String.join(" ", tc.cflags()));
    env.put("CARGO_BUILD_TARGET", triple);
  }

  private static void go(Map<String, String> env, Toolchain tc) {
    Target t = tc.target();
    Optional<String> goos = t.field("goOs");
    Optional<String> goarch = t.field("goArch");
    if (goos.isEmpty() || goarch.isEmpty()) {
      return;
    }
    env.put("GOOS", goos.get());
    env.put("GOARCH", goarch.get());
    t.field("goArm").ifPresent(v -> env.put("GOARM", v));
    // cgo needs a C compiler for the target; without one, pure-Go builds still work.
    env.put("CGO_ENABLED", tc.cc() != null ? "1" : "0");
    if (tc.cc() != null) {
      env.put("CGO_CFLAGS", String.join(" ", tc.cflags()));
      env.put("CGO_LDFLAGS", String.join(" ", tc.ldflags()));
    }
  }

  /**
   * A clang toolchain's {@code --target=} rides on CC and CXX too, as autoconf expects of a cross
   * compiler: libtool drops flags it does not know (--target among them) from LDFLAGS when it
   * links, and a libtool link without it would produce host code.
   */
  private static void compiler(Map<String, String> env, String key, Path cc, List<String> cflags) {
    if (cc == null) {
      return;
    }
    String target = cflags.stream().filter(f -> f.startsWith("--target=")).findFirst().orElse(null);
    env.put(key, target == null ? cc.toString() : cc + " " + target);
  }

  private static void put(Map<String, String> env, String key, Path value) {
    if (value != null) {
      env.put(key, value.toString());
    }
  }
}
