package dev.crosskit.sdk;

import dev.crosskit.base.HostTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LLVM's stand-ins for Apple's build tools (lipo, install_name_tool, otool, dsymutil, ld64).
 * Debian installs them unversioned only in LLVM's own directory ({@code /usr/lib/llvm-14/bin})
 * and as {@code llvm-lipo-14} and the like on the PATH, so they are looked for next to the clang
 * in use first (where clang itself finds {@code ld64.lld}), then on the PATH.
 */
public final class LlvmDarwinTools {
  /** Apple's name of each tool, as build systems' variables use it, to LLVM's program name. */
  private static final Map<String, String> TOOLS = Map.of("lipo", "llvm-lipo", "install_name_tool",
      "llvm-install-name-tool", "otool", "llvm-otool", "dsymutil", "dsymutil", "ld64", "ld64.lld");

  private final HostTools tools;

  public LlvmDarwinTools(HostTools tools) {
    this.tools = tools;
  }

  /** The LLVM program that does what Apple's {@code tool} does ({@code lipo}, {@code install_name_tool}, ...). */
  public Optional<Path> find(String tool) {
    String name = TOOLS.get(tool);
    if (name == null) {
      throw new IllegalArgumentException("no LLVM stand-in known for " + tool);
    }
    Optional<Path> llvmBin = tools.which("clang").flatMap(LlvmDarwinTools::realDir);
    if (llvmBin.isPresent() && Files.isExecutable(llvmBin.get().resolve(name))) {
      return Optional.of(llvmBin.get().resolve(name));
    }
    return tools.which(name);
  }

  /** Every tool found, by Apple's name. */
  public Map<String, Path> all() {
    Map<String, Path> found = new LinkedHashMap<>();
    for (String tool : List.of("lipo", "install_name_tool", "otool", "dsymutil", "ld64")) {
      find(tool).ifPresent(p -> found.put(tool, p));
    }
    return found;
  }

  private static Optional<Path> realDir(Path program) {
    try {
      return Optional.ofNullable(program.toRealPath().getParent());
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
