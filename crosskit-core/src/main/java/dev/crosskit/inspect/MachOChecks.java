package dev.crosskit.inspect;

import dev.crosskit.base.Versions;
import dev.crosskit.inspect.MachOFacts.Slice;
import dev.crosskit.target.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Mach-O part of a policy, judged slice by slice (a universal file is fine only when every
 * architecture in it is): the code signature arm64 needs, the minimum macOS against a ceiling,
 * the SDK linked against, and where the dylibs it loads come from.
 */
final class MachOChecks {
  private static final int ARM64 = 0x0100000C;
  /** File types the kernel or dyld maps as code: they must be signed on arm64. */
  private static final Set<String> CODE = Set.of("execute", "dylib", "bundle");
  /** Where every Mac has its dylibs; anything else must come with the program. */
  private static final List<String> SYSTEM_DIRS = List.of("/usr/lib/", "/System/Library/");
  private static final List<String> RELATIVE = List.of("@rpath/", "@loader_path/", "@executable_path/");

  private MachOChecks() {}

  /** What every Mach-O file is checked for: arm64 code without a signature is killed by macOS at launch. */
  static void always(BinaryFacts f, List<Finding> out) {
    List<Slice> arm64 = f.macho().slices().stream()
        .filter(s -> s.cpuType() == ARM64 && CODE.contains(s.fileType())).toList();
    if (arm64.isEmpty()) {
      return;
    }
    List<Slice> unsigned = arm64.stream().filter(s -> !s.codeSignature()).toList();
    List<Slice> stale = arm64.stream().filter(s -> s.signatureProblem() != null).toList();
    if (!stale.isEmpty()) {
      out.add(Finding.fail("code-signature", "arm64 " + stale.get(0).fileType() + "'s code signature does not match"
          + " it (" + stale.get(0).signatureProblem() + "): macOS kills it at launch; sign it again after changing it"
          + " (codesign -s - -f / rcodesign sign)"));
    } else if (unsigned.isEmpty()) {
      out.add(Finding.pass("code-signature", "arm64 " + arm64.get(0).fileType() + " carries a code signature that"
          + " matches its contents"));
    } else {
      out.add(Finding.fail("code-signature", "arm64 " + unsigned.get(0).fileType() + " has no code signature"
          + " (LC_CODE_SIGNATURE): macOS kills unsigned arm64 code at launch; link with ld64.lld, which signs"
          + " ad-hoc by default, or sign it (codesign -s - / rcodesign sign)"));
    }
  }

  /**
   * Part of {@code expect} for a macOS target: the program must run on a Mac that has only the
   * system's dylibs and what is shipped beside the program.
   */
  static void expect(BinaryFacts f, Target t, List<Finding> out) {
    Path beside = Path.of(f.path()).toAbsolutePath().getParent();
    List<String> foreign = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> viaRpath = new ArrayList<>();
    int shipped = 0;
    for (String lib : dylibs(f)) {
      if (SYSTEM_DIRS.stream().anyMatch(lib::startsWith)) {
        continue;
      }
      if (RELATIVE.stream().anyMatch(lib::startsWith)) {
        String name = lib.substring(lib.lastIndexOf('/') + 1);
        if (beside != null && Files.isRegularFile(beside.resolve(name))) {
          shipped++;
          if (lib.startsWith("@rpath/")) {
            viaRpath.add(lib);
          }
        } else {
          missing.add(lib);
        }
      } else {
        foreign.add(lib);
      }
    }
    if (!foreign.isEmpty()) {
      out.add(Finding.fail("macos-dylibs", "links " + String.join(", ", foreign) + ", which a Mac need not have:"
          + " ship it beside the program and link it as @rpath/ (install_name_tool -change), or link it statically"));
    }
    if (!missing.isEmpty()) {
      out.add(Finding.fail("macos-dylibs", "links " + String.join(", ", missing) + ", which is not shipped beside it"));
    }
    List<String> rpaths = f.macho().slices().stream().flatMap(s -> s.rpaths().stream()).distinct().toList();
    // a dylib's @rpath/ names are resolved through the loading program's rpaths: only programs are judged
    boolean program = f.macho().slices().stream().anyMatch(s -> s.fileType().equals("execute"));
    if (program && !viaRpath.isEmpty() && rpaths.stream().noneMatch(r -> r.startsWith("@loader_path") || r.startsWith("@executable_path"))) {
      out.add(Finding.warn("macos-dylibs", String.join(", ", viaRpath) + " is found only through LC_RPATH "
          + (rpaths.isEmpty() ? "(none)" : String.join(", ", rpaths)) + ", not beside the program on another Mac:"
          + " link with -Wl,-rpath,@loader_path"));
    }
    if (foreign.isEmpty() && missing.isEmpty()) {
      out.add(Finding.pass("macos-dylibs", "loads only system dylibs (/usr/lib, /System/Library)"
          + (shipped > 0 ? " and " + shipped + " shipped beside it" : "")));
    }
  }

  /** {@code max-macos}: no slice may require a newer macOS than the ceiling (the configured deployment target). */
  static void maxMacos(BinaryFacts f, String max, List<Finding> out) {
    for (Slice s : f.macho().slices()) {
      if (s.minOs() == null) {
        out.add(Finding.warn("max-macos", s.arch() + " slice has no LC_BUILD_VERSION or LC_VERSION_MIN_MACOSX:"
            + " the minimum macOS it needs is unknown"));
      } else if (Versions.compare(s.minOs(), max) > 0) {
        out.add(Finding.fail("max-macos", s.arch() + " slice requires macOS " + s.minOs() + " (" + s.versionCommand()
            + " minos), newer than " + max + ": build with -mmacosx-version-min=" + max
            + " ([target.X] macos) or raise the ceiling"));
      } else {
        out.add(Finding.pass("max-macos", s.arch() + " slice requires macOS " + s.minOs() + " (<= " + max + ")"));
      }
    }
  }

  /** {@code macos-sdk}: every slice was linked against the pinned SDK ({@code 14} accepts any 14.x). */
  static void sdk(BinaryFacts f, String want, List<Finding> out) {
    for (Slice s : f.macho().slices()) {
      if (s.sdk() == null) {
        out.add(Finding.warn("macos-sdk", s.arch() + " slice records no SDK version"));
      } else if (!Versions.sameRelease(s.sdk(), want)) {
        out.add(Finding.fail("macos-sdk", s.arch() + " slice was linked against SDK " + s.sdk() + " ("
            + s.versionCommand() + "), not the pinned " + want));
      } else {
        out.add(Finding.pass("macos-sdk", s.arch() + " slice was linked against SDK " + s.sdk()));
      }
    }
  }

  private static List<String> dylibs(BinaryFacts f) {
    List<String> all = new ArrayList<>();
    for (Slice s : f.macho().slices()) {
      for (String d : s.dylibs()) {
        if (!all.contains(d)) {
          all.add(d);
        }
      }
    }
    return all;
  }
}
