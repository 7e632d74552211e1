package dev.crosskit.toolchain;

import dev.crosskit.base.HostTools;
import dev.crosskit.target.Board;
import dev.crosskit.target.Boards;
import dev.crosskit.target.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the compilers, binutils and sysroot for a target on this host, using only file-existence
 * checks (no process is started). Which tools to look for, and which Debian packages provide
 * them, comes from {@link ToolchainData}; sysroots Debian lacks come from a {@link SysrootProvider}.
 */
public final class ToolchainFinder {
  /** What {@code targets} and {@code doctor} say of a sysroot a build will make. */
  public static final String AVAILABLE_ON_FIRST_BUILD = "available via sysroot (downloaded on first build)";

  private final ToolchainData data;
  private final HostTools tools;
  private final SysrootProvider sysroots;

  public ToolchainFinder(ToolchainData data, HostTools tools, SysrootProvider sysroots) {
    this.data = data;
    this.tools = tools;
    this.sysroots = sysroots;
  }

  /** The same finder consulting {@code provider} for sysroots. */
  public ToolchainFinder withSysroots(SysrootProvider provider) {
    return new ToolchainFinder(data, tools, provider);
  }

  public ToolchainData data() {
    return data;
  }

  public HostTools tools() {
    return tools;
  }

  /** The complete toolchain for a target, or empty when some part is missing. */
  public Optional<Toolchain> find(Target target) {
    Toolchain t = assess(target).toolchain();
    return t.complete() ? Optional.of(t) : Optional.empty();
  }

  /** The complete toolchain for a target. @throws MissingToolchainException naming the gaps and the fix */
  public Toolchain require(Target target) {
    Toolchain t = assess(target).toolchain();
    if (!t.complete()) {
      throw new MissingToolchainException(target.name(), t.missing());
    }
    return t;
  }

  /**
   * What this host has for a target: the first complete family, else the preferred family with
   * its gaps (the toolchain then has nulls where parts are missing).
   */
  public Assessment assess(Target target) {
    List<ToolchainData.Family> families = data.familiesFor(target);
    if (families.isEmpty()) {
      Gap gap = new Gap("no toolchain family is known for " + target.name(), List.of(),
          "add one to toolchains.json");
      return Assessment.unsupported(target, gap);
    }
    if (families.get(0).unsupported() != null) {
      return Assessment.unsupported(target, new Gap(families.get(0).unsupported(), List.of(), "none on this host"));
    }
    Assessment first = null;
    for (ToolchainData.Family f : families) {
      Assessment a = evaluate(f, target);
      if (a.toolchain().complete()) {
        return a;
      }
      if (first == null) {
        first = a;
      }
    }
    return first;
  }

  private Assessment evaluate(ToolchainData.Family f, Target t) {
    List<Gap> gaps = new ArrayList<>();
    String ccName = data.expand(f.cc(), t);
    Path cc = tools.which(ccName).orElse(null);
    if (cc == null) {
      gaps.add(Gap.packages("C compiler " + ccName, data.expand(f.packages("cc"), t)));
    }
    Path cxx = null;
    Gap cxxGap = null;
    if (f.cxx() == null) {
      cxxGap = new Gap("C++ compiler", List.of(), f.cxxNote() != null ? f.cxxNote() : "none in the " + f.kind() + " family");
    } else {
      String cxxName = data.expand(f.cxx(), t);
      cxx = tools.which(cxxName).orElse(null);
      if (cxx == null) {
        cxxGap = Gap.packages("C++ compiler " + cxxName, data.expand(f.packages("cxx"), t));
      }
    }
    List<String> absentBinutils = new ArrayList<>();
    Path ar = tool(f.ar(), t, absentBinutils);
    Path ranlib = tool(f.ranlib(), t, absentBinutils);
    Path strip = tool(f.strip(), t, absentBinutils);
    if (!absentBinutils.isEmpty()) {
      gaps.add(Gap.packages("binutils " + String.join(", ", absentBinutils), data.expand(f.packages("binutils"), t)));
    }
    List<String> cflags = new ArrayList<>(split(t.archCflags()));
    cflags.addAll(data.expand(f.cflags(), t));
    List<String> ldflags = new ArrayList<>(data.expand(f.ldflags(), t));
    Path sysroot = null;
    String sysrootNote = null;
    // A family without a sysroot (the host gcc, Debian's musl-gcc) uses none: the provider is not
    // asked, so it makes nothing for it.
    boolean usesSysroot = f.providerSysroot() || f.sysroot() != null;
    Optional<ProvidedSysroot> provided = usesSysroot ? sysroots.sysrootFor(t) : Optional.empty();
    if (provided.isPresent()) {
      sysroot = provided.get().root();
      cflags.addAll(provided.get().cflags());
      ldflags.addAll(provided.get().ldflags());
    } else if (f.providerSysroot() && sysroots.providesOnFirstBuild(t)) {
      sysrootNote = AVAILABLE_ON_FIRST_BUILD;
    } else if (f.providerSysroot()) {
      gaps.add(new Gap("needs sysroot" + (f.sysrootNote() != null ? " (" + f.sysrootNote() + ")" : ""),
          List.of(), f.sysrootFix() != null ? f.sysrootFix() : "crosskit sysroot add " + t.name()));
    } else if (f.sysroot() != null) {
      String dir = data.expand(f.sysroot(), t);
      if (tools.isDirectory(dir)) {
        sysroot = Path.of(dir);
      } else {
        gaps.add(Gap.packages("sysroot " + dir, data.expand(f.packages("sysroot"), t)));
      }
    }
    String cxxNote = null;
    if (cxx != null && provided.isPresent() && provided.get().cxxMissing() != null) {
      // The sysroot's flags do not serve the family's C++ compiler (no libstdc++ for it there).
      cxx = null;
      cxxGap = new Gap("C++ compiler", List.of(), provided.get().cxxMissing());
    } else if (cxx != null && usesSysroot && provided.isEmpty()) {
      cxxNote = sysroots.cxxNote(t).orElse(null);
    }
    Toolchain tc = new Toolchain(t, f.kind(), cc, cxx, ar, ranlib, strip, sysroot, cflags, ldflags,
        gaps.stream().map(Gap::toString).toList(), provided.orElse(null));
    if (t.isBareMetal()) {
      tc = onDefaultBoard(tc);
    }
    return new Assessment(tc, f, gaps, cxxGap, provided.orElse(null), sysrootNote, cxxNote);
  }

  /**
   * A bare-metal toolchain links for the target's default board. The CPU flags go into the link
   * flags too: gcc picks picolibc's and libgcc's multilib from them, and some links (make's
   * implicit rule, Cargo) see LDFLAGS without CFLAGS.
   */
  private static Toolchain onDefaultBoard(Toolchain tc) {
    Target t = tc.target();
    Board board = Boards.builtIn().defaultFor(t).orElseThrow(() ->
        new IllegalStateException("targets.json: bare-metal target " + t.name() + " names no board"));
    List<String> ldflags = new ArrayList<>(split(t.archCflags()));
    ldflags.addAll(tc.ldflags());
    return new Toolchain(t, tc.kind(), tc.cc(), tc.cxx(), tc.ar(), tc.ranlib(), tc.strip(), tc.sysroot(), tc.cflags(),
        ldflags, tc.missing(), tc.provided(), null).forBoard(board, null);
  }

  private Path tool(String template, Target t, List<String> absent) {
    String name = data.expand(template, t);
    Optional<Path> p = tools.which(name);
    if (p.isEmpty()) {
      absent.add(name);
    }
    return p.orElse(null);
  }

  private static List<String> split(String flags) {
    return flags == null || flags.isBlank() ? List.of() : Arrays.asList(flags.trim().split("\\s+"));
  }

  /**
   * A toolchain with the structured reasons behind its {@code missing} list.
   *
   * @param family the family chosen (null when the target is unsupported)
   * @param gaps what stops a C build
   * @param cxxGap what stops a C++ build beyond {@code gaps}, or null
   * @param provided the sysroot a store supplied, or null
   * @param sysrootNote set when the sysroot is not there yet but a build makes it ({@link #AVAILABLE_ON_FIRST_BUILD})
   * @param cxxNote what C++ with that sysroot takes, when a build makes it ({@link SysrootProvider#cxxNote}), or null
   */
  public record Assessment(Toolchain toolchain, ToolchainData.Family family, List<Gap> gaps, Gap cxxGap,
      ProvidedSysroot provided, String sysrootNote, String cxxNote) {
    static Assessment unsupported(Target t, Gap gap) {
      Toolchain tc = new Toolchain(t, "none", null, null, null, null, null, null, List.of(), List.of(),
          List.of(gap.toString()));
      return new Assessment(tc, null, List.of(gap), gap, null, null, null);
    }

    public boolean supported() {
      return family != null;
    }
  }
}
