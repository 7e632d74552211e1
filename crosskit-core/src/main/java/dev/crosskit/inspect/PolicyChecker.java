package dev.crosskit.inspect;

import dev.crosskit.base.Versions;
import dev.crosskit.inspect.ElfFacts.NewestVersion;
import dev.crosskit.target.Target;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Judges {@link BinaryFacts} against a {@link Policy}; one {@link Finding} per check that applies. */
public final class PolicyChecker {
  private static final int SHOWN_SYMBOLS = 5;

  private PolicyChecker() {}

  public static List<Finding> check(BinaryFacts f, Policy p) {
    List<Finding> out = new ArrayList<>();
    always(f, p, out);
    if (p.expectTarget() != null) {
      expect(f, p.expectTarget(), out);
      if (p.expectTarget().isBareMetal()) {
        BareMetalChecks.check(f, p.expectTarget(), p.board(), out);
      }
    }
    if (p.requireStatic()) {
      out.add("static".equals(f.linkage())
          ? Finding.pass("static", "statically linked")
          : Finding.fail("static", "dynamically linked" + dynamicDetail(f)));
    }
    if (p.maxGlibc() != null) {
      ceiling(f, "GLIBC", "max-glibc", p.maxGlibc(), Machines.get().glibcBaseline(f.arch()), out);
    }
    if (p.maxGlibcxx() != null) {
      ceiling(f, "GLIBCXX", "max-glibcxx", p.maxGlibcxx(), Optional.empty(), out);
    }
    if (!p.allowedLibs().isEmpty()) {
      allowedLibs(f, p.allowedLibs(), out);
    }
    if (p.maxIsaLevel() != null) {
      isaLevel(f, p.maxIsaLevel(), out);
    }
    if (p.requirePie()) {
      pie(f, out);
    }
    if (p.requireRelro() != null && f.elf() != null && f.elf().hardening() != null) {
      String have = f.elf().hardening().relro();
      boolean ok = p.requireRelro().equals("full") ? have.equals("full") : !have.equals("none");
      out.add(ok ? Finding.pass("require-relro", "RELRO " + have)
          : Finding.fail("require-relro", "RELRO " + have + ", policy wants " + p.requireRelro()
              + (have.equals("partial") ? " (link with -Wl,-z,now)" : " (link with -Wl,-z,relro,-z,now)")));
    }
    if (p.requireNx()) {
      nx(f, out);
    }
    if (p.noRpath()) {
      noRpath(f, out);
    }
    if (f.macho() != null && p.maxMacos() != null) {
      MachOChecks.maxMacos(f, p.maxMacos(), out);
    }
    if (f.macho() != null && p.macosSdk() != null) {
      MachOChecks.sdk(f, p.macosSdk(), out);
    }
    return out;
  }

  private static void always(BinaryFacts f, Policy p, List<Finding> out) {
    for (String problem : f.problems()) {
      out.add(Finding.warn("malformed", problem));
    }
    ElfFacts e = f.elf();
    if (e != null) {
      if (!e.privateSymbols().isEmpty()) {
        out.add(Finding.fail("glibc-private", "needs GLIBC_PRIVATE, which no other glibc build provides: "
            + shown(e.privateSymbols())));
      }
      if (e.hardening() != null && e.hardening().textrel()) {
        out.add(Finding.warn("textrel", "has text relocations (code not built with -fPIC)"));
      }
      // Without an MMU nothing enforces segment permissions: a bare-metal image's RWX segment is no risk.
      if (e.hardening() != null && e.hardening().rwxSegments() && !"none".equals(f.os())) {
        out.add(Finding.warn("rwx-segment", "a loadable segment is both writable and executable"));
      }
      if (!e.hostPaths().isEmpty()) {
        String paths = e.hostPaths().stream().limit(3).map(h -> h.path() + " (" + h.where() + ")")
            .reduce((a, b) -> a + ", " + b).orElse("");
        out.add(p.noHostPaths() ? Finding.fail("no-host-paths", "leaks build-host paths: " + paths)
            : Finding.warn("host-paths", "leaks build-host paths: " + paths));
      } else if (p.noHostPaths()) {
        out.add(Finding.pass("no-host-paths", "no build-host paths found"));
      }
    } else if (p.noHostPaths()) {
      out.add(Finding.pass("no-host-paths", "not checked for " + f.format() + " files"));
    }
    if (f.macho() != null) {
      MachOChecks.always(f, out);
    }
  }

  private static void expect(BinaryFacts f, Target t, List<Finding> out) {
    List<String> wrong = new ArrayList<>();
    String wantFormat = t.field("binary").orElse("elf");
    if (!wantFormat.equals(f.format())) {
      out.add(Finding.fail("expect", "is a " + f.format() + " file, " + t.name() + " uses " + wantFormat));
      return;
    }
    if (!t.arch().equals(f.arch())) {
      wrong.add("architecture " + f.arch() + " (want " + t.arch() + ")");
    }
    if (f.bits() != t.bits()) {
      wrong.add(f.bits() + "-bit (want " + t.bits() + "-bit)");
    }
    if (!t.endian().equals(f.endian())) {
      wrong.add(f.endian() + "-endian (want " + t.endian() + ")");
    }
    if (f.os() != null && !f.os().equals(t.os())) {
      wrong.add("OS " + f.os() + " (want " + t.os() + ")");
    }
    if (f.libc() != null && !f.libc().equals(t.libc())) {
      wrong.add("libc " + f.libc() + " (want " + t.libc() + ")");
    }
    if (f.floatAbi() != null && t.floatAbi() != null && !f.floatAbi().equals(t.floatAbi())) {
      wrong.add(f.floatAbi() + "-float ABI (want " + t.floatAbi() + ")");
    }
    if (f.variant() != null && t.variant() != null && level(f.variant()) > level(t.variant())) {
      String cpu = f.elf() != null && f.elf().arm() != null ? " (Tag_CPU_arch " + f.elf().arm().cpuArch() + ")" : "";
      wrong.add("built for " + f.variant() + cpu + ", which a " + t.variant() + " CPU cannot run");
    }
    if (f.elf() != null && f.elf().interpreter() != null && t.field("interpreter").isPresent()
        && !t.field("interpreter").get().equals(f.elf().interpreter())) {
      wrong.add("interpreter " + f.elf().interpreter() + " (want " + t.field("interpreter").get() + ")");
    }
    if (!wrong.isEmpty()) {
      out.add(Finding.fail("expect", "not " + t.name() + ": " + String.join("; ", wrong)));
      return;
    }
    out.add(Finding.pass("expect", "matches " + t.name()));
    if (f.macho() != null) {
      MachOChecks.expect(f, t, out);
    }
    if (f.libc() == null && f.os() != null && t.isLinux()) {
      out.add(Finding.warn("expect", "libc cannot be told from this static binary; " + t.libc() + " not verified"));
    }
  }

  private static int level(String variant) {
    try {
      return Integer.parseInt(variant.replaceAll("\\D", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String dynamicDetail(BinaryFacts f) {
    List<String> libs = f.linkedLibraries();
    String interp = f.elf() != null && f.elf().interpreter() != null ? " via " + f.elf().interpreter() : "";
    return interp + (libs.isEmpty() ? "" : ", needs " + String.join(", ", libs));
  }

  private static void ceiling(BinaryFacts f, String family, String check, String max, Optional<String> baseline,
      List<Finding> out) {
    if (f.elf() == null) {
      return;
    }
    String limit = max;
    if (baseline.isPresent() && Versions.compare(max, baseline.get()) < 0) {
      out.add(Finding.warn(check, "ceiling " + max + " is below " + f.arch() + "'s oldest glibc " + baseline.get()
          + "; judged against " + baseline.get()));
      limit = baseline.get();
    }
    NewestVersion newest = null;
    for (NewestVersion n : f.elf().newestVersions()) {
      if (n.family().equals(family)) {
        newest = n;
      }
    }
    if (newest == null) {
      out.add(Finding.pass(check, "needs no " + family + "_ symbol versions"));
    } else if (Versions.compare(newest.version(), limit) > 0) {
      String syms = newest.symbols().isEmpty() ? "" : ": " + shown(newest.symbols());
      out.add(Finding.fail(check, "needs " + family + "_" + newest.version() + " (newer than " + limit + ")" + syms));
    } else {
      out.add(Finding.pass(check, "newest is " + family + "_" + newest.version() + " (<= " + limit + ")"));
    }
  }

  private static String shown(List<String> symbols) {
    if (symbols.size() <= SHOWN_SYMBOLS) {
      return String.join(", ", symbols);
    }
    return String.join(", ", symbols.subList(0, SHOWN_SYMBOLS)) + " and " + (symbols.size() - SHOWN_SYMBOLS) + " more";
  }

  private static void allowedLibs(BinaryFacts f, List<String> globs, List<Finding> out) {
    boolean dll = "pe".equals(f.format());
    List<PathMatcher> matchers = new ArrayList<>();
    for (String g : globs) {
      matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + (dll ? g.toLowerCase(Locale.ROOT) : g)));
    }
    List<String> bad = new ArrayList<>();
    for (String lib : f.linkedLibraries()) {
      String name = dll ? lib.toLowerCase(Locale.ROOT) : lib;
      // Mach-O dylibs are full paths; a glob without '/' matches the file name.
      Path path = Path.of(name.contains("/") && !globs.stream().anyMatch(g -> g.contains("/"))
          ? name.substring(name.lastIndexOf('/') + 1) : name);
      if (matchers.stream().noneMatch(m -> m.matches(path))) {
        bad.add(lib);
      }
    }
    out.add(bad.isEmpty() ? Finding.pass("allow-lib", "all " + f.linkedLibraries().size() + " libraries allowed")
        : Finding.fail("allow-lib", "links libraries outside the allowed list: " + String.join(", ", bad)));
  }

  private static void isaLevel(BinaryFacts f, int max, List<Finding> out) {
    if (f.elf() == null || !"x86_64".equals(f.arch()) && !"i686".equals(f.arch())) {
      return;
    }
    Integer level = f.elf().gnuProperty() == null ? null : f.elf().gnuProperty().x86IsaLevel();
    List<String> cpuFlags = f.elf().codegenFlags().stream()
        .filter(x -> x.startsWith("-march=") && !x.equals("-march=x86-64") || x.startsWith("-mavx512")).toList();
    if (!cpuFlags.isEmpty()) {
      // -march=native and friends leave the ISA note at "baseline": the recorded flags are the evidence.
      String shown = cpuFlags.size() <= 3 ? String.join(" ", cpuFlags)
          : String.join(" ", cpuFlags.subList(0, 3)) + " (+" + (cpuFlags.size() - 3) + " more)";
      out.add(Finding.warn("max-isa-level", "compiled with " + shown + ": code may need more than the ISA note says"));
    }
    if (level == null || level == 0) {
      out.add(Finding.pass("max-isa-level", "no x86 ISA level note (the note only ever proves a need)"));
    } else if (level > max) {
      out.add(Finding.fail("max-isa-level", "needs x86-64-v" + level + " (policy allows up to v" + max + ")"));
    } else {
      out.add(Finding.pass("max-isa-level", "needs x86-64-v" + level + " at most (policy allows v" + max + ")"));
    }
  }

  private static void pie(BinaryFacts f, List<Finding> out) {
    if (f.elf() != null) {
      String type = f.elf().type();
      boolean ok = type.equals("pie") || type.equals("static-pie") || type.equals("shared-library");
      if (!type.equals("object")) {
        out.add(ok ? Finding.pass("require-pie", type)
            : Finding.fail("require-pie", "position-dependent " + type + " (build with -fPIE -pie)"));
      }
    } else if (f.pe() != null) {
      out.add(f.pe().aslr() ? Finding.pass("require-pie", "ASLR (dynamic base)")
          : Finding.fail("require-pie", "no ASLR: DYNAMIC_BASE not set (link with --dynamicbase)"));
    } else if (f.macho() != null) {
      boolean bad = f.macho().slices().stream().anyMatch(s -> s.fileType().equals("execute") && !s.pie());
      out.add(bad ? Finding.fail("require-pie", "an executable slice lacks MH_PIE") : Finding.pass("require-pie", "PIE"));
    }
  }

  private static void nx(BinaryFacts f, List<Finding> out) {
    if (f.elf() != null && f.elf().hardening() != null) {
      out.add(f.elf().hardening().nx() ? Finding.pass("require-nx", "non-executable stack")
          : Finding.fail("require-nx", "executable stack (PT_GNU_STACK has PF_X, or missing)"));
    } else if (f.pe() != null) {
      out.add(f.pe().nx() ? Finding.pass("require-nx", "NX compatible")
          : Finding.fail("require-nx", "NX_COMPAT not set (link with --nxcompat)"));
    }
  }

  private static void noRpath(BinaryFacts f, List<Finding> out) {
    List<String> paths = new ArrayList<>();
    if (f.elf() != null) {
      f.elf().rpath().forEach(r -> paths.add("RPATH " + r));
      f.elf().runpath().forEach(r -> paths.add("RUNPATH " + r));
    } else if (f.macho() != null) {
      f.macho().slices().forEach(s -> s.rpaths().forEach(r -> paths.add("LC_RPATH " + r)));
    } else {
      return;
    }
    out.add(paths.isEmpty() ? Finding.pass("no-rpath", "no RPATH/RUNPATH")
        : Finding.fail("no-rpath", "has " + String.join(", ", paths)));
  }
}
