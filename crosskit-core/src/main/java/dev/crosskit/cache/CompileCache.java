package dev.crosskit.cache;

import dev.crosskit.base.HostTools;
import dev.crosskit.sysroot.Sysroot;
import dev.crosskit.target.Target;
import dev.crosskit.toolchain.Toolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * crosskit's compile cache: Debian's ccache, with its store in crosskit's cache
 * ({@code <home>/ccache}), put in front of the C and C++ compilers of a build.
 *
 * <p>What keeps a cached object from serving the wrong build: the compiler is known by its
 * contents ({@code compiler_check=content}: a reinstalled cross gcc of another version is another
 * compiler, whatever its mtime); the target's name is the cache's namespace, so no two targets
 * ever share an entry even when one compiler serves both; the manifest of the target's sysroot
 * (its packages and their versions, or a macOS SDK's settings) is hashed with every compilation,
 * so a sysroot that gained a package, even one whose headers shadow another's, is a new key;
 * the compiler's flags and every header it read are in the key as ccache always has them. The
 * project and output directories share one {@code base_dir}, so the per-target build directories'
 * absolute paths (and a checkout's) do not enter the key: objects are reused after
 * {@code rm -rf target/} or in another checkout, and the reproducibility flags
 * ({@code -ffile-prefix-map}) keep them free of those paths too.
 *
 * <p>Everything is passed as {@code CCACHE_*} variables of the build, never written to ccache's
 * configuration, so a user's own ccache set-up is left alone. Shared storage for a team or CI
 * (ccache's {@code remote_storage}, e.g. a Redis server) is one more such variable.
 */
public final class CompileCache {
  /** The directory under crosskit's cache. */
  public static final String DIR = "ccache";
  /** The program, as Debian's package installs it. */
  public static final String PROGRAM = "ccache";
  /** What to do when the cache is on but the program is missing. */
  public static final String MISSING = "ccache is not installed: 'crosskit setup' or apt-get install ccache";
  /** What a sysroot or SDK is known by: crosskit's sysroot manifest, a macOS SDK's settings. */
  private static final List<String> IDENTITY_FILES = List.of(Sysroot.MANIFEST, "SDKSettings.json");

  private final Path dir;
  private final Optional<Path> program;

  /** The cache under {@code home}, through the ccache found by {@code tools}. */
  public CompileCache(Path home, HostTools tools) {
    this.dir = home.resolve(DIR);
    this.program = tools.which(PROGRAM);
  }

  /** Where the cached objects are. */
  public Path dir() {
    return dir;
  }

  /** The ccache program, when installed. */
  public Optional<Path> program() {
    return program;
  }

  /**
   * The cache for one target's build, or empty when ccache is not installed.
   *
   * @param baseDir the directory under which paths are made relative ({@link #baseDir})
   * @param statsLog where this build's compilations are counted ({@link CompileCacheLog})
   * @param remote shared storage read and written besides the local cache ({@code [cache] remote})
   */
  public Optional<Launcher> forBuild(Target target, Toolchain tc, Path baseDir, Path statsLog, Optional<String> remote) {
    return program.map(p -> new Launcher(p, variables(target, tc, baseDir, statsLog, remote)));
  }

  /** ccache's own variables for a build. */
  Map<String, String> variables(Target target, Toolchain tc, Path baseDir, Path statsLog, Optional<String> remote) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CCACHE_DIR", dir.toString());
    env.put("CCACHE_COMPILERCHECK", "content");
    env.put("CCACHE_NAMESPACE", target.name());
    env.put("CCACHE_BASEDIR", baseDir.toString());
    List<String> identity = sysrootIdentity(tc);
    if (!identity.isEmpty()) {
      env.put("CCACHE_EXTRAFILES", String.join(":", identity));
    }
    env.put("CCACHE_STATSLOG", statsLog.toString());
    // the namespace and the sysroot manifest are part of every key, so a shared store keeps targets apart too
    remote.ifPresent(url -> env.put("CCACHE_REMOTE_STORAGE", url));
    return env;
  }

  /**
   * The files whose content decides the compiler's output but reach ccache only as a path: the
   * manifests of the toolchain's sysroots, and the GCC specs files its flags load (crosskit writes
   * them; one rewritten with other include directories must not hit the old objects). A path
   * holding ':' cannot be listed (CCACHE_EXTRAFILES' separator), and is in the flags anyway.
   */
  static List<String> sysrootIdentity(Toolchain tc) {
    Set<Path> roots = new LinkedHashSet<>();
    if (tc.sysroot() != null) {
      roots.add(tc.sysroot());
    }
    if (tc.provided() != null && tc.provided().root() != null) {
      roots.add(tc.provided().root());
    }
    List<Path> candidates = new ArrayList<>();
    for (Path root : roots) {
      IDENTITY_FILES.forEach(name -> candidates.add(root.resolve(name)));
    }
    candidates.addAll(specsFiles(tc.cflags()));
    if (tc.provided() != null) {
      candidates.addAll(specsFiles(tc.provided().cflags()));
    }
    Set<String> files = new LinkedHashSet<>();
    for (Path f : candidates) {
      if (Files.isRegularFile(f) && !f.toString().contains(":")) {
        files.add(f.toString());
      }
    }
    return List.copyOf(files);
  }

  /**
   * What the toolchain's C and C++ compilers are known by where their content would cost too much
   * to hash on every run: each resolved program's path, size and modification time, one a line. A
   * reinstalled or upgraded compiler changes at least its mtime.
   */
  public static String compilerIdentity(Toolchain tc) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Path p : new Path[] {tc.cc(), tc.cxx()}) {
      if (p != null && Files.exists(p)) {
        Path real = p.toRealPath();
        sb.append(real).append(' ').append(Files.size(real)).append(' ').append(Files.getLastModifiedTime(real)).append('\n');
      }
    }
    return sb.toString();
  }

  /** The files that {@code -specs FILE} and {@code -specs=FILE} in {@code flags} name. */
  static List<Path> specsFiles(List<String> flags) {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < flags.size(); i++) {
      String f = flags.get(i);
      if (f.equals("-specs") && i + 1 < flags.size()) {
        files.add(Path.of(flags.get(++i)));
      } else if (f.startsWith("-specs=")) {
        files.add(Path.of(f.substring("-specs=".length())));
      }
    }
    return files;
  }

  /**
   * The directory whose absolute paths ccache makes relative: the nearest one holding both the
   * project and the output directory, or the project's when that would be the filesystem's root
   * (which would make every path relative, the compilers' and sysroots' too).
   */
  public static Path baseDir(Path projectDir, Path outDir) {
    Path a = projectDir.toAbsolutePath().normalize();
    Path b = outDir.toAbsolutePath().normalize();
    Path common = a;
    while (common != null && !b.startsWith(common)) {
      common = common.getParent();
    }
    return common == null || common.getParent() == null ? a : common;
  }

  /** The variables that make every ccache in a build compile without the cache (the second build of --check-reproducible). */
  public static Map<String, String> bypass() {
    return Map.of("CCACHE_DISABLE", "1");
  }

  /**
   * ccache in front of one build's compilers: its variables, {@code CC} and {@code CXX} prefixed
   * (autotools, make, meson's native builds and command builds read them), and CMake's launcher
   * variables (CMake ignores CC once a toolchain file names the compiler).
   *
   * @param program the ccache program
   * @param variables the {@code CCACHE_*} variables
   */
  public record Launcher(Path program, Map<String, String> variables) {
    public Launcher {
      variables = Map.copyOf(variables);
    }

    /** What goes in front of a compiler's argv (a Meson cross file's compiler entries). */
    public List<String> prefix() {
      return List.of(program.toString());
    }

    /** Adds the cache to a build's environment. */
    public void applyTo(Map<String, String> env) {
      for (String key : List.of("CC", "CXX")) {
        String cc = env.get(key);
        // CXX=no says there is no C++ compiler for the target: nothing to put ccache in front of
        if (cc != null && !cc.isBlank() && !cc.equals(dev.crosskit.toolchainfile.ToolchainEnv.NO_CXX)
            && !cc.startsWith(program + " ")) {
          env.put(key, program + " " + cc);
        }
      }
      env.put("CMAKE_C_COMPILER_LAUNCHER", program.toString());
      env.put("CMAKE_CXX_COMPILER_LAUNCHER", program.toString());
      env.putAll(new TreeMap<>(variables)); // in a stable order
    }
  }
}
