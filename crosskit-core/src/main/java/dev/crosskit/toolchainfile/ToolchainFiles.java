package dev.crosskit.toolchainfile;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.UserException;
import dev.crosskit.emulate.Runner;
import dev.crosskit.toolchain.Toolchain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The toolchain-file formats by name, and writing them so a reader never sees half a file. */
public final class ToolchainFiles {
  private ToolchainFiles() {}

  /** The formats: a CMake toolchain file, a Meson cross file, a Cargo configuration stanza. */
  public enum Format {
    CMAKE, MESON, CARGO;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Renders {@code cmake}, {@code meson} or {@code cargo}. @throws UserException for another format */
  public static String render(String format, Toolchain tc, Optional<Runner> runner) {
    for (Format f : Format.values()) {
      if (f.toString().equalsIgnoreCase(format)) {
        return render(f, tc, runner);
      }
    }
    throw new BadInputException("unknown toolchain-file format '" + format + "'; use cmake, meson or cargo");
  }

  public static String render(Format format, Toolchain tc, Optional<Runner> runner) {
    return switch (format) {
      case CMAKE -> CmakeToolchainFile.render(tc, runner);
      case MESON -> MesonCrossFile.render(tc, runner);
      case CARGO -> {
        if (tc.target().rustTriple() == null) {
          throw new BadInputException(tc.target().name() + " has no Rust target triple, so no Cargo configuration");
        }
        yield CargoConfig.render(tc, runner);
      }
    };
  }

  /** Writes {@code text} to a temporary file beside {@code file}, then moves it into place. */
  public static void writeAtomically(Path file, String text) {
    try {
      AtomicFiles.write(file, text);
    } catch (IOException e) {
      throw new BadInputException("cannot write " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }
}
