package dev.crosskit.build;

import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.Deletion;
import dev.crosskit.exec.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CMake's check results: the cache entries CMake's Check* modules write (CheckSourceCompiles and
 * check_c_compiler_flag: help "Test VAR"; CheckIncludeFile, CheckFunctionExists,
 * CheckSymbolExists, CheckLibraryExists: "Have include ...", "Have function ...", ...), each an
 * INTERNAL entry the module skips when it is already defined. They are given back as a script of
 * {@code set(... CACHE INTERNAL ...)} lines read with {@code cmake -C} before the project's lists.
 * Compiler detection ({@code CMakeFiles/<version>}) and find_* results (PATH and FILEPATH
 * entries) are not kept: they name programs and files that may since have changed.
 */
final class CmakeChecks implements ConfigureChecks {
  static final String SEED_FILE = "crosskit-configure-seed.cmake";
  /** {@code NAME:INTERNAL=VALUE}, with a name that needs no quoting in the script. */
  private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9_.+/-]+):INTERNAL=(.*)");
  private static final Pattern HELP = Pattern.compile("//((?:Test|Have) .*)");

  private final Path sourceDir;
  private final Path buildDir;
  private final Path toolchainFile;
  private final Path seedFile;
  /** crosskit's output directory (every target's), which may be inside the sources and is none of them. */
  private final Path outDir;

  CmakeChecks(BuildContext ctx, Path toolchainFile) {
    this.sourceDir = ctx.sourceDir();
    this.buildDir = ctx.buildDir();
    this.outDir = ctx.workDir().toAbsolutePath().normalize().getParent();
    this.toolchainFile = toolchainFile;
    this.seedFile = ctx.workDir().resolve(SEED_FILE);
  }

  /** The project's CMakeLists.txt and *.cmake files (not its output or VCS directories) and crosskit's toolchain file. */
  @Override
  public SortedMap<String, Path> inputs() {
    SortedMap<String, Path> in = new TreeMap<>();
    for (Path rel : new SourceTree(sourceDir).files()) {
      String name = rel.getFileName().toString();
      boolean output = sourceDir.resolve(rel).toAbsolutePath().normalize().startsWith(outDir);
      if ((name.equals("CMakeLists.txt") || name.endsWith(".cmake")) && !output) {
        in.put("source/" + rel, sourceDir.resolve(rel));
      }
    }
    in.put("toolchain file", toolchainFile);
    return in;
  }

  @Override
  public void seed(String results) throws IOException {
    AtomicFiles.write(seedFile, results);
  }

  @Override
  public Command command(Command configure, boolean seeded) {
    if (!seeded) {
      return configure;
    }
    List<String> argv = new ArrayList<>(configure.argv());
    argv.addAll(1, List.of("-C", seedFile.toString()));
    return new Command(argv, configure.env(), configure.cwd(), configure.timeout());
  }

  @Override
  public Optional<String> results() throws IOException {
    Path cache = buildDir.resolve("CMakeCache.txt");
    if (!Files.isRegularFile(cache)) {
      return Optional.empty();
    }
    String seed = seedScript(Files.readString(cache, StandardCharsets.UTF_8));
    return seed.isEmpty() ? Optional.empty() : Optional.of(seed);
  }

  @Override
  public int count(String results) {
    return (int) results.lines().filter(l -> l.startsWith("set(")).count();
  }

  /** A failed seeded configure leaves the seeded values in CMakeCache.txt: the next starts from an empty build directory's state. */
  @Override
  public void forget() throws IOException {
    Files.deleteIfExists(seedFile);
    Files.deleteIfExists(buildDir.resolve("CMakeCache.txt"));
    Deletion.tree(buildDir.resolve("CMakeFiles"));
  }

  /** The seed script for the check results in a CMakeCache.txt's text; empty when it has none. */
  static String seedScript(String cmakeCache) {
    StringBuilder out = new StringBuilder();
    String help = null;
    for (String line : cmakeCache.lines().toList()) {
      if (line.startsWith("//")) {
        help = help == null ? line : help; // the first line of the entry's help
        continue;
      }
      Matcher entry = ENTRY.matcher(line);
      Matcher check = help == null ? null : HELP.matcher(help);
      if (entry.matches() && check != null && check.matches()) {
        out.append("set(").append(entry.group(1)).append(' ').append(quoted(entry.group(2)))
            .append(" CACHE INTERNAL ").append(quoted(check.group(1))).append(")\n");
      }
      help = null;
    }
    return out.toString();
  }

  /**
   * A CMake quoted argument whose value is {@code value}: backslash, double quote and {@code $}
   * (which would start a variable reference) escaped. A {@code ;} stays as it is: inside quotes it
   * does not split, and {@code \;} would keep its backslash.
   */
  static String quoted(String value) {
    StringBuilder sb = new StringBuilder("\"");
    for (char ch : value.toCharArray()) {
      switch (ch) {
        case '\\', '"', '$' -> sb.append('\\').append(ch);
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(ch);
      }
    }
    return sb.append('"').toString();
  }
}
