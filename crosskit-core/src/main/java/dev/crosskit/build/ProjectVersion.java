package dev.crosskit.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version a project declares in its build files: CMake's {@code project(... VERSION x)},
 * Meson's {@code project(..., version: 'x')}, autoconf's {@code AC_INIT([name], [x])} or a
 * generated configure's {@code PACKAGE_VERSION}, Cargo's {@code version = "x"}. Only a literal
 * version counts (not one computed by a macro).
 */
public final class ProjectVersion {
  private static final Pattern VERSION = Pattern.compile("[0-9][0-9A-Za-z.+~_-]{0,39}");
  private static final List<Map.Entry<String, Pattern>> SOURCES = List.of(
      Map.entry("configure", Pattern.compile("(?m)^PACKAGE_VERSION='([^']*)'")),
      Map.entry("meson.build", Pattern.compile("(?s)\\bproject\\s*\\([^)]*?\\bversion\\s*:\\s*'([^']*)'")),
      Map.entry("configure.ac", Pattern.compile("AC_INIT\\(\\s*\\[?[^],)]*\\]?\\s*,\\s*\\[?\\s*([^],)\\s]*)")),
      Map.entry("CMakeLists.txt", Pattern.compile("(?is)\\bproject\\s*\\([^)]*?\\bVERSION\\s+([^\\s)]+)")),
      Map.entry("Cargo.toml", Pattern.compile("(?s)\\[package\\][^\\[]*?\\bversion\\s*=\\s*\"([^\"]*)\"")));

  private ProjectVersion() {}

  /** The version declared in the first build file (in detection order) that declares one literally. */
  public static Optional<String> of(Path dir) {
    for (Map.Entry<String, Pattern> s : SOURCES) {
      Path f = dir.resolve(s.getKey());
      if (!Files.isRegularFile(f)) {
        continue;
      }
      Matcher m = s.getValue().matcher(head(f));
      if (m.find() && VERSION.matcher(m.group(1)).matches()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  private static String head(Path f) {
    try (InputStream in = Files.newInputStream(f)) {
      return new String(in.readNBytes(1 << 20), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }
}
