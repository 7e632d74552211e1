package dev.crosskit.inspect;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Mach-O facts: one slice for a thin file, one per architecture for a fat (universal) file. */
public record MachOFacts(boolean fat, List<Slice> slices) {

  /**
   * One architecture. {@code fileType} is {@code execute}, {@code dylib}, {@code object},
   * {@code bundle}, ...; {@code minOs}/{@code sdk} come from LC_BUILD_VERSION or LC_VERSION_MIN_*,
   * {@code versionCommand} names which (null when the slice has neither). {@code signatureProblem}
   * says why a present code signature does not match the slice's contents (null when it does).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Slice(
      String arch,
      int cpuType,
      int cpuSubtype,
      String fileType,
      boolean pie,
      String platform,
      String minOs,
      String sdk,
      String versionCommand,
      String uuid,
      boolean codeSignature,
      String signatureProblem,
      String installName,
      List<String> dylibs,
      List<String> rpaths) {}
}
