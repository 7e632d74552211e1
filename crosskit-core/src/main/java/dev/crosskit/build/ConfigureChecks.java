package dev.crosskit.build;

import dev.crosskit.exec.Command;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A configure step's compile-check results as its build system can be handed them back: an
 * autoconf cache file, CMake's Check* results as a {@code -C} script. crosskit's configure cache
 * stores what one configure found and seeds the next identical one with it, so a rebuild skips
 * configure's try-compiles. Only check results, never compiler detection or found paths.
 */
public interface ConfigureChecks {
  /** The files configure reads to decide its checks, by a name that stays the same across runs. */
  SortedMap<String, Path> inputs() throws IOException;

  /** Writes stored results where configure reads them ({@link #command}). */
  void seed(String results) throws IOException;

  /**
   * The configure command, reading the results {@link #seed} wrote when {@code seeded}, and in
   * any case leaving what it found where {@link #results} reads it.
   */
  Command command(Command configure, boolean seeded);

  /** What a configure that passed found, to store; empty when it found nothing worth keeping. */
  Optional<String> results() throws IOException;

  /** How many check results stored results hold (for the log). */
  int count(String results);

  /** Removes any results a configure would read or has left (the seed, a cache file): the next one starts from nothing. */
  void forget() throws IOException;
}
