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
    String cflags = String.join(" ", tc.cflags());
    String ldflags = String.join(" ", tc.ldflags());
    set(sb, "CMAKE_C_FLAGS_INIT", cflags);
    set(sb, "CMAKE_CXX_FLAGS_INIT", cflags);
    set(sb, "CMAKE_EXE_LINKER_FLAGS_INIT", ldflags);
    // -static (musl) belongs to executables only: a shared library cannot be linked that way; nor
    // can a static libstdc++ (a glibc floor's, not built as PIC) go into one: it links the floor
    // suite's libstdc++.so instead.
    String sharedLd = tc.ldflags().stream().filter(f -> !f.equals("-static") && !f.equals("-static-libstdc++"))
        .collect(Collectors.joining(" "));
    set(sb, "CMAKE_SHARED_LINKER_FLAGS_INIT", sharedLd);
    set(sb, "CMAKE_MODULE_LINKER_FLAGS_INIT", sharedLd);
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
    return sb.toString();
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
