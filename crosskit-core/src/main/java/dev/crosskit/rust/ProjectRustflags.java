package dev.crosskit.rust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.RegularFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rustflags a project sets in its own {@code .cargo/config.toml} (or {@code .cargo/config}),
 * in the project directory and the directories above it, as Cargo would find them. crosskit
 * passes its flags as {@code CARGO_ENCODED_RUSTFLAGS} (the only way no flag is split at a space),
 * and Cargo then ignores every rustflags setting in config files: crosskit reads them itself and
 * puts them into the encoded list, so the project's flags still reach rustc. Cargo's choice is
 * kept: the files' {@code target.<triple>.rustflags} joined (the deeper file's last), else their
 * {@code build.rustflags}. {@code target.'cfg(...)'.rustflags} tables are not evaluated.
 */
public final class ProjectRustflags {
  private static final TomlMapper TOML = new TomlMapper();
  private static final long MAX_BYTES = 1 << 20;

  private ProjectRustflags() {}

  public static List<String> of(Path projectDir, String triple) {
    List<JsonNode> configs = new ArrayList<>();
    for (Path dir = projectDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      for (String name : List.of("config.toml", "config")) {
        Path file = dir.resolve(".cargo").resolve(name);
        if (Files.isRegularFile(file)) {
          configs.add(0, read(file)); // outer files first: the deeper file's flags come last
          break;
        }
      }
    }
    List<String> target = new ArrayList<>();
    List<String> build = new ArrayList<>();
    for (JsonNode c : configs) {
      target.addAll(flags(c.path("target").path(triple).path("rustflags")));
      build.addAll(flags(c.path("build").path("rustflags")));
    }
    return target.isEmpty() ? build : target;
  }

  /** An array of flags, or a string of them separated by spaces, as Cargo accepts both. */
  private static List<String> flags(JsonNode value) {
    List<String> out = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(v -> out.add(v.asText()));
    } else if (value.isTextual() && !value.asText().isBlank()) {
      out.addAll(Arrays.asList(value.asText().strip().split("\\s+")));
    }
    return out;
  }

  private static JsonNode read(Path file) {
    try {
      return TOML.readTree(RegularFiles.readText(file, MAX_BYTES));
    } catch (IOException e) {
      throw new BadInputException(file + " is not valid TOML (" + e.getMessage().lines().findFirst().orElse("")
          + "); Cargo would refuse it too");
    }
  }
}
