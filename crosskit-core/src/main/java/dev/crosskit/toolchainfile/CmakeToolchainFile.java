package dev.crosskit.toolchainfile;

import dev.crosskit.emulate.Runner;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders a CMake toolchain file: system name and processor, compilers and binutils, flags,
 * find-root-path confined to the sysroot (programs from the host, libraries, headers and
 * packages from the target), and the emulator through which ctest runs the target's tests.
 */
public final class CmakeToolchainFile {
  private CmakeToolchainFile() {}

  public static String render(Toolchain tc, Optional<Runner> runner) {
    return render(tc, runner, CompilerFlags.of(tc));
  }

  /** The file with {@code flags} as the compile and link flags (a build's: the target's, reproducibility, the user's). */
  public static String render(Toolchain tc, Optional<Runner> runner, CompilerFlags flags) {
    Target t = tc.target();
    // Cross when the programs cannot run here unaided or come from a sysroot. A native-running
    // x86_64 musl build is not: CMake's try_run and ctest then run its programs directly.
    boolean cross = runner.map(Runner::emulated).orElse(true) || tc.sysroot() != null;
    StringBuilder sb = new StringBuilder();
    sb.append("# CMake toolchain file for ").append(t.name()).append(", written by crosskit (crosskit toolchain-file ")
        .append(t.name()).append(" --format cmake).\n");
    if (cross) {
      set(sb, "CMAKE_SYSTEM_NAME", t.field("cmakeSystem").orElse("Generic"));
      set(sb, "CMAKE_SYSTEM_PROCESSOR", t.field("cmakeProcessor").orElse(t.arch()));
    }
    setPath(sb, "CMAKE_C_COMPILER", tc.cc());
    if (tc.cxx() != null) {
      setPath(sb, "CMAKE_CXX_COMPILER", tc.cxx());
    } else {
      // No C++ compiler for this target: say so explicitly, or CMake would pick the host's c++.
      // A -NOTFOUND value is false in if(), so check_language(CXX) users skip their C++ parts.
      sb.append("# No C++ compiler for ").append(t.name()).append(" on this host.\n");
      set(sb, "CMAKE_CXX_COMPILER", "CMAKE_CXX_COMPILER-NOTFOUND");
    }
    if (tc.target().isWindows() && tc.cc() != null) {
      // windres comes from the same binutils; CMake looks for it when a project has .rc files.
      Path windres = tc.cc().resolveSibling(t.gnuTriple() + "-windres");
      sb.append("if(EXISTS \"").append(windres).append("\")\n  set(CMAKE_RC_COMPILER \"").append(windres)
          .append("\")\nendif()\n");
    }
    cache(sb, "CMAKE_AR", tc.ar());
    cache(sb, "CMAKE_RANLIB", tc.ranlib());
    cache(sb, "CMAKE_STRIP", tc.strip());
    String cflags = String.join(" ", flags.compile());
    String ldflags = String.join(" ", flags.link());
    // CMake puts $CFLAGS, $CXXFLAGS and $LDFLAGS in front of these (and the build type's flags
    // after them). crosskit never puts its compile flags in $CFLAGS, but $LDFLAGS holds the link
    // flags in a crosskit build and after crosskit env, and some must not come twice (gcc rejects
    // picolibc.specs given twice): the file then adds nothing of its own.
    unlessInEnvironment(sb, "CFLAGS", cflags, List.of("CMAKE_C_FLAGS_INIT"));
    unlessInEnvironment(sb, "CXXFLAGS", cflags, List.of("CMAKE_CXX_FLAGS_INIT"));
    unlessInEnvironment(sb, "LDFLAGS", ldflags, List.of("CMAKE_EXE_LINKER_FLAGS_INIT"));
    // -static (musl) and -static-libstdc++ (a glibc floor) belong to executables only (sharedLink)
    String sharedLd = String.join(" ", flags.sharedLink());
    unlessInEnvironment(sb, "LDFLAGS", sharedLd, List.of("CMAKE_SHARED_LINKER_FLAGS_INIT", "CMAKE_MODULE_LINKER_FLAGS_INIT"));
    if (!flags.launcher().isEmpty()) {
      set(sb, "CMAKE_C_COMPILER_LAUNCHER", list(flags.launcher()));
      set(sb, "CMAKE_CXX_COMPILER_LAUNCHER", list(flags.launcher()));
    }
    if (tc.provided() != null && !tc.provided().cmake().isEmpty()) {
      // A provided sysroot is a whole target root (CMAKE_SYSROOT, library architecture, ...).
      tc.provided().cmake().forEach((k, v) -> set(sb, k, v));
    } else if (tc.sysroot() != null) {
      set(sb, "CMAKE_FIND_ROOT_PATH", tc.sysroot().toString());
    }
    if (cross) {
      set(sb, "CMAKE_FIND_ROOT_PATH_MODE_PROGRAM", "NEVER");
      set(sb, "CMAKE_FIND_ROOT_PATH_MODE_LIBRARY", "ONLY");
      set(sb, "CMAKE_FIND_ROOT_PATH_MODE_INCLUDE", "ONLY");
      set(sb, "CMAKE_FIND_ROOT_PATH_MODE_PACKAGE", "ONLY");
    }
    runner.filter(Runner::emulated).ifPresent(r -> sb.append("set(CMAKE_CROSSCOMPILING_EMULATOR \"")
        .append(list(r.standaloneArgv())).append("\")\n"));
    if (cross && "Darwin".equals(t.field("cmakeSystem").orElse(""))) {
      darwinRpaths(sb);
    }
    return sb.toString();
  }

  /**
   * CMake's Darwin platform file turns on rpaths (and so {@code @rpath/} install names for shared
   * libraries, CMP0042) only when {@code sw_vers} reports the build host's macOS version, which a
   * Linux host has not; without them every dylib would be named by its absolute build path. The
   * rules file restores that after the platform files have run, and names {@code @loader_path} as
   * the origin token so that the build tree's own rpaths are relative: artifacts are collected
   * from the build tree, and on a Mac they find their dylibs beside them, not in this host's
   * build directory.
   */
  private static void darwinRpaths(StringBuilder sb) {
    sb.append("# Darwin rpaths, which CMake enables only on a Mac (sw_vers): @rpath/ install names for dylibs,\n");
    sb.append("# and build-tree rpaths relative to the binary (@loader_path) rather than this host's build directory.\n");
    sb.append("set(_crosskit_rules \"${CMAKE_BINARY_DIR}/CMakeFiles/crosskit-darwin-rules.cmake\")\n");
    sb.append("file(WRITE \"${_crosskit_rules}\" \"");
    for (String lang : List.of("C", "CXX", "OBJC", "OBJCXX")) {
      sb.append("set(CMAKE_SHARED_LIBRARY_RUNTIME_").append(lang).append("_FLAG -Wl,-rpath,)\\n");
    }
    sb.append("set(CMAKE_SHARED_LIBRARY_RPATH_ORIGIN_TOKEN @loader_path)\\n\")\n");
    sb.append("set(CMAKE_USER_MAKE_RULES_OVERRIDE \"${_crosskit_rules}\")\n");
    set(sb, "CMAKE_BUILD_RPATH_USE_ORIGIN", "ON");
  }

  /**
   * Sets {@code vars} to {@code flags}, unless {@code $ENV{envVar}} already contains them: CMake
   * puts the environment's flags in front of these variables.
   */
  private static void unlessInEnvironment(StringBuilder sb, String envVar, String flags, List<String> vars) {
    if (flags.isEmpty()) {
      vars.forEach(v -> set(sb, v, flags));
      return;
    }
    String found = "_crosskit_" + envVar.toLowerCase(java.util.Locale.ROOT);
    sb.append("string(FIND \" $ENV{").append(envVar).append("} \" \" ").append(escape(flags)).append(" \" ")
        .append(found).append(")\n");
    sb.append("if(").append(found).append(" EQUAL -1)\n");
    vars.forEach(v -> {
      sb.append("  ");
      set(sb, v, flags);
    });
    sb.append("endif()\n");
  }

  private static void set(StringBuilder sb, String var, String value) {
    sb.append("set(").append(var).append(" \"").append(escape(value)).append("\")\n");
  }

  private static void setPath(StringBuilder sb, String var, Path value) {
    if (value != null) {
      set(sb, var, value.toString());
    }
  }

  /** Binutils go in the cache: CMake's own probing would otherwise overwrite a plain variable. */
  private static void cache(StringBuilder sb, String var, Path value) {
    if (value != null) {
      sb.append("set(").append(var).append(" \"").append(escape(value.toString()))
          .append("\" CACHE FILEPATH \"\" FORCE)\n");
    }
  }

  /**
   * A CMake list in a quoted argument: a {@code ;} inside an element (Wine's WINEPATH) is written
   * {@code \;} so it stays part of that element.
   */
  static String list(List<String> items) {
    return items.stream().map(i -> escape(i).replace(";", "\\;")).collect(Collectors.joining(";"));
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$");
  }
}
