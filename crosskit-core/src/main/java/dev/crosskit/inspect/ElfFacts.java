package dev.crosskit.inspect;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crosskit.base.Versions;
import java.util.List;

/**
 * ELF facts. {@code type} is one of {@code executable}, {@code pie}, {@code static-pie},
 * {@code shared-library}, {@code object}, {@code core}. Numbers that other tools print in hex
 * ({@code flags}) are strings such as {@code "0x5000400"}. {@code hostPaths} come from RPATH/RUNPATH
 * and, when {@code stringsScanned}, from .rodata, .comment, .debug_str/.debug_line_str (first 8 MiB)
 * and .GCC.command.line. {@code codegenFlags} are the -march=/-mcpu=/-mtune=/-mavx512* options recorded
 * in DW_AT_producer strings (-g) or .GCC.command.line (-frecord-gcc-switches): the direct evidence
 * of code generated for a specific CPU, which the x86 ISA note cannot give (-march=native leaves it
 * at "baseline"). {@code entry} is e_entry; {@code loads} the PT_LOAD segments, which a bare-metal
 * board's memory must hold; {@code dynamicSection} whether there is a PT_DYNAMIC segment at all
 * (a static-pie has one without needing a library).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ElfFacts(
    int elfClass,
    String endian,
    int osAbi,
    String type,
    int machine,
    String machineName,
    String flags,
    String entry,
    String interpreter,
    String soname,
    List<String> needed,
    List<String> rpath,
    List<String> runpath,
    List<VersionNeed> versionNeeds,
    List<NewestVersion> newestVersions,
    List<String> privateSymbols,
    GnuProperty gnuProperty,
    ArmInfo arm,
    RiscvInfo riscv,
    String buildId,
    String abiTagOs,
    String minKernel,
    Hardening hardening,
    boolean stripped,
    boolean debugInfo,
    List<String> comment,
    List<String> codegenFlags,
    List<HostPath> hostPaths,
    boolean stringsScanned,
    int programHeaders,
    int sections,
    boolean dynamicSection,
    List<LoadSegment> loads) {

  /** Versions one library must provide, from .gnu.version_r (e.g. libc.so.6: GLIBC_2.2.5, GLIBC_2.34). */
  public record VersionNeed(String library, List<String> versions) {}

  /**
   * The newest required version of one family ({@code GLIBC}, {@code GLIBCXX}, {@code CXXABI},
   * {@code GCC}) and the undefined symbols that need exactly that version.
   */
  public record NewestVersion(String family, String version, String library, List<String> symbols) {}

  /** GNU property note: x86 ISA level needed (1 = baseline ... 4 = x86-64-v4), CET and BTI/PAC markings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record GnuProperty(Integer x86IsaLevel, List<String> x86IsaNeeded, Boolean ibt, Boolean shstk,
      Boolean bti, Boolean pac) {}

  /**
   * 32-bit ARM: EABI version and float ABI from e_flags; CPU and FP arch from .ARM.attributes;
   * for a microcontroller (profile M) the vector table a Cortex-M reads at reset.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ArmInfo(Integer eabiVersion, String floatAbi, String cpuArch, Integer cpuArchCode,
      String profile, Integer fpArch, Integer vfpArgs, VectorTable vectorTable) {}

  /**
   * The first two words of a Cortex-M program's lowest loaded address: the stack pointer and the
   * reset handler (odd: a Thumb address) the CPU loads when it comes out of reset.
   */
  public record VectorTable(String address, String initialSp, String reset) {}

  /**
   * A PT_LOAD segment: where it runs ({@code vaddr}), where it is loaded ({@code paddr}; flash
   * for initialised data a bare-metal start-up copies to RAM), its sizes and {@code r}/{@code w}/{@code x}.
   */
  public record LoadSegment(String vaddr, String paddr, long fileSize, long memSize, String flags) {}

  /** RISC-V: float ABI and RVC/RVE from e_flags; ISA string from .riscv.attributes. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RiscvInfo(String floatAbi, boolean rvc, boolean rve, String isa) {}

  /**
   * Hardening. {@code relro} is {@code none}, {@code partial} or {@code full}; {@code canary} is
   * null when it cannot be told without symbols (static binaries).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Hardening(boolean pie, String relro, boolean nx, Boolean canary, boolean fortify,
      List<String> fortifiedFunctions, boolean textrel, boolean rwxSegments, boolean bindNow) {}

  /** A string that names a path on the build host, and where it was found. */
  public record HostPath(String where, String path) {}
}
