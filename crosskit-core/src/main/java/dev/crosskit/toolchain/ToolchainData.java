package dev.crosskit.toolchain;

import dev.crosskit.target.Target;
import dev.crosskit.target.TargetCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code toolchains.json} resource: which compiler family provides each target, which Debian
 * packages install each part, and which runner executes the target's programs. Kept as data so
 * that a new target or package is a change to that file, not to code.
 */
public final class ToolchainData {
  private static final String RESOURCE = "/dev/crosskit/toolchain/toolchains.json";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
  private static volatile ToolchainData builtIn;

  /** One way to get a compiler for the targets it matches. Nullable fields are absent in the data. */
  public record Family(String name, Map<String, String> match, String kind, String unsupported, boolean exclusive,
      String cc, String cxx, String ar, String ranlib, String strip, String sysroot, String sysrootNote,
      String sysrootFix, String cxxNote, List<String> cflags, List<String> ldflags, List<String> rustflags,
      Map<String, List<String>> packages, String runner, String noRunner) {
    public Family {
      match = match == null ? Map.of() : Map.copyOf(match);
      cflags = cflags == null ? List.of() : List.copyOf(cflags);
      ldflags = ldflags == null ? List.of() : List.copyOf(ldflags);
      rustflags = rustflags == null ? List.of() : List.copyOf(rustflags);
      packages = packages == null ? Map.of() : Map.copyOf(packages);
    }

    boolean matches(Target t) {
      for (Map.Entry<String, String> e : match.entrySet()) {
        String actual = switch (e.getKey()) {
          case "name" -> t.name();
          case "arch" -> t.archKey();
          case "os" -> t.os();
          case "libc" -> t.libc();
          default -> throw new IllegalStateException("toolchains.json: unknown match key " + e.getKey());
        };
        if (!e.getValue().equals(actual)) {
          return false;
        }
      }
      return true;
    }

    public boolean providerSysroot() {
      return "provider".equals(sysroot);
    }

    public List<String> packages(String part) {
      return packages.getOrDefault(part, List.of());
    }
  }

  /** How a target's programs are run, and what installs that. */
  public record RunnerSpec(List<String> binaries, List<String> packages, List<String> binfmtPackages,
      List<String> runtimeDlls, List<String> runtimeDllDirs, Map<String, String> cpu) {
    public RunnerSpec {
      cpu = cpu == null ? Map.of() : Map.copyOf(cpu);
      binaries = binaries == null ? List.of() : List.copyOf(binaries);
      packages = packages == null ? List.of() : List.copyOf(packages);
      binfmtPackages = binfmtPackages == null ? List.of() : List.copyOf(binfmtPackages);
      runtimeDlls = runtimeDlls == null ? List.of() : List.copyOf(runtimeDlls);
      runtimeDllDirs = runtimeDllDirs == null ? List.of() : List.copyOf(runtimeDllDirs);
    }
  }

  /** A language's own tools (Go, Rust) beyond the C toolchain. */
  public record LanguageSpec(List<String> binaries, List<String> packages, List<String> stdDirs,
      List<String> hostStdPackages, String buildStdDir, List<String> buildStdPackages) {
    public LanguageSpec {
      binaries = binaries == null ? List.of() : List.copyOf(binaries);
      packages = packages == null ? List.of() : List.copyOf(packages);
      stdDirs = stdDirs == null ? List.of() : List.copyOf(stdDirs);
      hostStdPackages = hostStdPackages == null ? List.of() : List.copyOf(hostStdPackages);
      buildStdPackages = buildStdPackages == null ? List.of() : List.copyOf(buildStdPackages);
    }
  }

  record Root(List<String> comment,
      String host, List<String> commonTargets, List<Family> families, Map<String, RunnerSpec> runners,
      Map<String, RunnerSpec> buildTools, RunnerSpec debugger, Map<String, LanguageSpec> languages) {}

  private final Root root;
  private final TargetCatalog catalog;

  private ToolchainData(Root root, TargetCatalog catalog) {
    this.root = root;
    this.catalog = catalog;
  }

  public static ToolchainData builtIn() {
    ToolchainData d = builtIn;
    if (d == null) {
      synchronized (ToolchainData.class) {
        d = builtIn;
        if (d == null) {
          try (InputStream in = ToolchainData.class.getResourceAsStream(RESOURCE)) {
            d = builtIn = read(in, TargetCatalog.builtIn());
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
          }
        }
      }
    }
    return d;
  }

  public static ToolchainData read(InputStream in, TargetCatalog catalog) throws IOException {
    return new ToolchainData(ToolchainsJson.read(in), catalog);
  }

  /** True for the target this host itself is (whose Rust std comes from the host's packages). */
  public boolean isHost(Target t) {
    return t.name().equals(root.host());
  }

  /** The targets {@code doctor} checks when none are named. */
  public List<Target> commonTargets() {
    List<Target> list = new ArrayList<>();
    for (String n : root.commonTargets()) {
      list.add(catalog.byName(n).orElseThrow(() -> new IllegalStateException("toolchains.json names unknown target " + n)));
    }
    return list;
  }

  /**
   * The families that apply to a target, in order of preference; when the first applicable entry
   * says the target is unsupported, the list holds just that entry.
   */
  public List<Family> familiesFor(Target t) {
    List<Family> list = new ArrayList<>();
    for (Family f : root.families()) {
      if (f.matches(t)) {
        if (f.unsupported() != null) {
          if (list.isEmpty()) {
            list.add(f);
          }
          break;
        }
        list.add(f);
        if (f.exclusive()) {
          break; // later, more general families must not stand in for this one
        }
      }
    }
    return list;
  }

  /** The rustc flags a toolchain of this kind needs to link Rust code for {@code t} (empty for most). */
  public List<String> rustflags(Target t, String kind) {
    return familiesFor(t).stream().filter(f -> kind.equals(f.kind())).findFirst()
        .map(f -> expand(f.rustflags(), t)).orElse(List.of());
  }

  public RunnerSpec runner(String kind) {
    RunnerSpec r = root.runners().get(kind);
    if (r == null) {
      throw new IllegalStateException("toolchains.json has no runner " + kind);
    }
    return r;
  }

  /** The debugger {@code crosskit debug} attaches to an emulator's gdbstub, and its package. */
  public RunnerSpec debugger() {
    if (root.debugger() == null) {
      throw new IllegalStateException("toolchains.json has no debugger");
    }
    return root.debugger();
  }

  /** A program builds use beside the toolchain (ccache, the compile cache), and its package. */
  public RunnerSpec buildTool(String name) {
    RunnerSpec r = root.buildTools() == null ? null : root.buildTools().get(name);
    if (r == null) {
      throw new IllegalStateException("toolchains.json has no build tool " + name);
    }
    return r;
  }

  public LanguageSpec language(String name) {
    LanguageSpec l = root.languages().get(name);
    if (l == null) {
      throw new IllegalStateException("toolchains.json has no language " + name);
    }
    return l;
  }

  /** Fills {@code {field}} placeholders from the target's catalog fields. */
  public String expand(String template, Target t) {
    if (template == null) {
      return null;
    }
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      String value = "glibcGnu".equals(key) ? glibcGnu(t) : t.fields().get(key);
      if (value == null) {
        throw new IllegalStateException("toolchains.json: target " + t.name() + " has no field " + key
            + " for '" + template + "'");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  public List<String> expand(List<String> templates, Target t) {
    return templates.stream().map(s -> expand(s, t)).toList();
  }

  /** The GNU triple of the Linux glibc target with the same arch (whose cross gcc musl builds reuse). */
  private String glibcGnu(Target t) {
    for (Target other : catalog.all()) {
      if (other.archKey().equals(t.archKey()) && other.isLinux() && other.isGlibc()) {
        return other.gnuTriple();
      }
    }
    return null;
  }
}
