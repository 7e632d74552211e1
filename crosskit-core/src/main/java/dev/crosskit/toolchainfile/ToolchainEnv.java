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
  /** CXX when the target has no C++ compiler here (see {@link #variables(Toolchain, Optional, CompilerFlags)}). */
  public static final String NO_CXX = "no";

  private ToolchainEnv() {}

  public static Map<String, String> variables(Toolchain tc, Optional<Runner> runner) {
    return variables(tc, runner, CompilerFlags.of(tc));
  }

  /**
   * The variables with {@code flags} where crosskit's flags go ({@link CompilerFlags}): the
   * compile flags in CC and CXX, the link flags in LDFLAGS. CFLAGS and CXXFLAGS are left unset,
   * so the project's own defaults apply; an empty LDFLAGS is not set either.
   */
  public static Map<String, String> variables(Toolchain tc, Optional<Runner> runner, CompilerFlags flags) {
    Target t = tc.target();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CROSSKIT_TARGET", t.name());
    // all the compile flags ride on CC and CXX, a clang toolchain's --target= among them, as
    // autoconf expects of a cross compiler (libtool drops --target from LDFLAGS when it links)
    putIfSet(env, "CC", flags.command(tc.cc()));
    if (tc.cc() != null) {
      // Without a C++ compiler for the target, configure scripts and Makefiles would take the
      // host's g++: "no" is autoconf's and libtool's word for "there is none".
      env.put("CXX", tc.cxx() != null ? flags.command(tc.cxx()) : NO_CXX);
    }
    put(env, "AR", tc.ar());
    put(env, "RANLIB", tc.ranlib());
    put(env, "STRIP", tc.strip());
    if (!flags.link().isEmpty()) {
      env.put("LDFLAGS", String.join(" ", flags.link()));
    }
    if (t.gnuTriple() != null) {
      env.put("CHOST", t.gnuTriple()); // zlib-style configure scripts read CHOST instead of --host
    }
    pkgConfig(env, tc, runner);
    if (tc.provided() != null) {
      env.putAll(tc.provided().env()); // a provided sysroot's own pkg-config settings (PKG_CONFIG_SYSROOT_DIR, ...)
    }
    rust(env, tc, runner, flags);
    go(env, tc, flags);
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

  private static void rust(Map<String, String> env, Toolchain tc, Optional<Runner> runner, CompilerFlags flags) {
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
    // the cc crate adds these to its own flags (its -O comes from Cargo's profile)
    env.put("CFLAGS_" + lower, String.join(" ", flags.compile()));
    env.put("CXXFLAGS_" + lower, String.join(" ", flags.compile()));
    env.put("CARGO_BUILD_TARGET", triple);
  }

  private static void go(Map<String, String> env, Toolchain tc, CompilerFlags flags) {
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
    // cgo compiles with $CC, which carries the target's flags: CGO_CFLAGS is left to its default
    // (-g -O2), which setting it would replace. The link flags go in CGO_LDFLAGS.
    if (tc.cc() != null && !flags.link().isEmpty()) {
      env.put("CGO_LDFLAGS", String.join(" ", flags.link()));
    }
  }

  private static void putIfSet(Map<String, String> env, String key, String value) {
    if (value != null) {
      env.put(key, value);
    }
  }

  private static void put(Map<String, String> env, String key, Path value) {
    if (value != null) {
      env.put(key, value.toString());
    }
  }
}
