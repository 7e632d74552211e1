package dev.crosskit.inspect;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Everything {@link Inspector} learned about one file. Exactly one of {@code elf}, {@code pe},
 * {@code macho} is set, matching {@code format}. The summary fields ({@code arch} ...
 * {@code floatAbi}) are the same whatever the format, so policies and target matching need not
 * look into the format-specific part. JSON keys are camelCase and stable (see README).
 *
 * @param format {@code elf}, {@code pe} or {@code macho}
 * @param arch catalog arch family ({@code x86_64}, {@code aarch64}, {@code arm}, {@code riscv64}, ...)
 *     or {@code unknown}; for a fat Mach-O the first slice's
 * @param variant ISA variant where it matters ({@code armv6}, {@code armv7}), else null
 * @param os {@code linux}, {@code freebsd}, {@code windows}, {@code macos} or null when unknown
 * @param libc {@code glibc}, {@code musl}, {@code mingw}, {@code system}, or null when it cannot be told
 *     (e.g. a static binary without glibc's ABI note)
 * @param floatAbi {@code hard}/{@code soft} (ARM), {@code soft}/{@code single}/{@code double} (RISC-V), else null
 * @param linkage {@code static} or {@code dynamic}; null for object files
 * @param target the catalog target this binary matches, or null
 * @param problems parts of the file that were malformed but not fatal (facts from them are missing)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BinaryFacts(
    String path,
    long sizeBytes,
    String format,
    String arch,
    String variant,
    int bits,
    String endian,
    String os,
    String libc,
    String floatAbi,
    String linkage,
    String target,
    ElfFacts elf,
    PeFacts pe,
    MachOFacts macho,
    List<String> problems) {

  /** The same facts with the matched target filled in. */
  BinaryFacts withTarget(String targetName) {
    return new BinaryFacts(path, sizeBytes, format, arch, variant, bits, endian, os, libc, floatAbi, linkage,
        targetName, elf, pe, macho, problems);
  }

  /** Shared libraries / DLLs / dylibs this binary loads, whatever the format. */
  public List<String> linkedLibraries() {
    if (elf != null) {
      return elf.needed();
    }
    if (pe != null) {
      return pe.allImports();
    }
    if (macho != null && !macho.slices().isEmpty()) {
      return macho.slices().get(0).dylibs();
    }
    return List.of();
  }
}
