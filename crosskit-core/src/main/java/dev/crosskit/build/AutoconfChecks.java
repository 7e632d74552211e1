package dev.crosskit.build;

import dev.crosskit.exec.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An autoconf-generated configure's check results: its own cache file ({@code --cache-file}),
 * which holds exactly the {@code ac_cv_*}-style results of its checks and is read back by the
 * next configure given it ("checking ... (cached)"). Kept in the target's crosskit directory,
 * outside the build's copy of the sources.
 */
final class AutoconfChecks implements ConfigureChecks {
  static final String CACHE_FILE = "config.cache";
  /** A cached result: {@code ac_cv_header_stdlib_h=${ac_cv_header_stdlib_h=yes}}. */
  private static final Pattern RESULT = Pattern.compile("(?m)^[A-Za-z_][A-Za-z0-9_]*=");

  private final Path configure;
  private final Path cacheFile;

  AutoconfChecks(Path configure, Path workDir) {
    this.configure = configure;
    this.cacheFile = workDir.resolve(CACHE_FILE);
  }

  @Override
  public SortedMap<String, Path> inputs() {
    return new TreeMap<>(Map.of("configure", configure));
  }

  @Override
  public void seed(String results) throws IOException {
    Files.writeString(cacheFile, results, StandardCharsets.ISO_8859_1); // the bytes it was read as
  }

  /** {@code --cache-file} either way: configure reads the seed when there is one and writes what it found there. */
  @Override
  public Command command(Command configure, boolean seeded) {
    List<String> argv = new ArrayList<>(configure.argv());
    argv.add(1, "--cache-file=" + cacheFile);
    return new Command(argv, configure.env(), configure.cwd(), configure.timeout());
  }

  @Override
  public Optional<String> results() throws IOException {
    if (!Files.isRegularFile(cacheFile)) {
      return Optional.empty();
    }
    String text = Files.readString(cacheFile, StandardCharsets.ISO_8859_1);
    return count(text) == 0 ? Optional.empty() : Optional.of(text);
  }

  @Override
  public int count(String results) {
    return (int) RESULT.matcher(results).results().count();
  }

  @Override
  public void forget() throws IOException {
    Files.deleteIfExists(cacheFile);
  }
}
