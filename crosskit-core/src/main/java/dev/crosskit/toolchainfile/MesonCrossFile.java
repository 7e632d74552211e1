package dev.crosskit.toolchainfile;

import dev.crosskit.emulate.Runner;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders a Meson cross file: {@code [binaries]} (compilers, binutils, pkg-config and the
 * exe_wrapper {@code meson test} runs target programs through), {@code [properties]},
 * {@code [built-in options]} with the target's flags, and {@code [host_machine]}.
 */
public final class MesonCrossFile {
  private MesonCrossFile() {}

  public static String render(Toolchain tc, Optional<Runner> runner) {
    return render(tc, runner, CompilerFlags.of(tc));
  }

  /** The same, with {@code launcher} in front of the C and C++ compilers (the compile cache). */
  public static String render(Toolchain tc, Optional<Runner> runner, List<String> launcher) {
    return render(tc, runner, CompilerFlags.of(tc).withLauncher(launcher));
  }

  /** The file with {@code flags} as the compile and link flags, the launcher in front of each compiler. */
  public static String render(Toolchain tc, Optional<Runner> runner, CompilerFlags flags) {
    Target t = tc.target();
    StringBuilder sb = new StringBuilder();
    sb.append("# Meson cross file for ").append(t.name()).append(", written by crosskit (crosskit toolchain-file ")
        .append(t.name()).append(" --format meson).\n");
    sb.append("[binaries]\n");
    compiler(sb, "c", tc.cc(), flags.launcher());
    compiler(sb, "cpp", tc.cxx(), flags.launcher());
    entry(sb, "ar", tc.ar());
    entry(sb, "ranlib", tc.ranlib());
    entry(sb, "strip", tc.strip());
    if (t.isWindows() && tc.cc() != null) {
      entry(sb, "windres", tc.cc().resolveSibling(t.gnuTriple() + "-windres"));
    }
    sb.append("pkg-config = 'pkg-config'\n");
    runner.filter(Runner::emulated).ifPresent(r ->
        sb.append("exe_wrapper = ").append(array(r.standaloneArgv())).append('\n'));
    sb.append("\n[properties]\n");
    if (tc.provided() != null && !tc.provided().mesonProperties().isEmpty()) {
      // sys_root also makes Meson set PKG_CONFIG_SYSROOT_DIR for the sysroot's .pc files.
      tc.provided().mesonProperties().forEach((k, v) -> sb.append(k).append(" = ").append(quote(v)).append('\n'));
    } else if (tc.sysroot() != null) {
      String multiarch = t.field("multiarch").orElse(t.gnuTriple());
      Path s = tc.sysroot();
      sb.append("pkg_config_libdir = ").append(array(List.of(s.resolve("lib/pkgconfig").toString(),
          s.resolve("share/pkgconfig").toString(), s.resolve("usr/lib/" + multiarch + "/pkgconfig").toString(),
          s.resolve("usr/lib/pkgconfig").toString(), s.resolve("usr/share/pkgconfig").toString()))).append('\n');
    }
    sb.append("needs_exe_wrapper = ").append(runner.map(Runner::emulated).orElse(true)).append('\n');
    sb.append("\n[built-in options]\n");
    sb.append("c_args = ").append(array(forMeson(flags.compile()))).append('\n');
    sb.append("c_link_args = ").append(array(forMeson(flags.link()))).append('\n');
    sb.append("cpp_args = ").append(array(forMeson(flags.compile()))).append('\n');
    sb.append("cpp_link_args = ").append(array(forMeson(flags.link()))).append('\n');
    sb.append("\n[host_machine]\n");
    sb.append("system = ").append(quote(t.field("mesonSystem").orElse(t.os()))).append('\n');
    sb.append("cpu_family = ").append(quote(t.field("mesonCpuFamily").orElse(t.arch()))).append('\n');
    sb.append("cpu = ").append(quote(t.field("mesonCpu").orElse(t.arch()))).append('\n');
    sb.append("endian = ").append(quote(t.endian())).append('\n');
    return sb.toString();
  }

  /** A compiler entry: the driver alone, or {@code [launcher..., driver]}. */
  private static void compiler(StringBuilder sb, String key, Path driver, List<String> launcher) {
    if (driver == null) {
      return;
    }
    if (launcher.isEmpty()) {
      entry(sb, key, driver);
      return;
    }
    List<String> words = new java.util.ArrayList<>(launcher);
    words.add(driver.toString());
    sb.append(key).append(" = ").append(array(words)).append('\n');
  }

  private static void entry(StringBuilder sb, String key, Path value) {
    if (value != null) {
      sb.append(key).append(" = ").append(quote(value.toString())).append('\n');
    }
  }

  /**
   * With {@code -nostdinc} (a provided sysroot), each {@code -isystem DIR} becomes
   * {@code -idirafter DIR}: Meson drops {@code -isystem} arguments naming one of the compiler's
   * default include directories, gcc's own (stddef.h) among them, and with no standard
   * directories left the two options search the same way.
   */
  static List<String> forMeson(List<String> flags) {
    if (!flags.contains("-nostdinc")) {
      return flags;
    }
    return flags.stream().map(f -> f.equals("-isystem") ? "-idirafter" : f).toList();
  }

  static String array(List<String> items) {
    return items.stream().map(MesonCrossFile::quote).collect(Collectors.joining(", ", "[", "]"));
  }

  static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
