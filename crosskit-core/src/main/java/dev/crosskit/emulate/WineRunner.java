package dev.crosskit.emulate;

import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Wine for Windows PE programs. The prefix lives in crosskit's cache so the host's own
 * {@code ~/.wine} is left alone; {@code WINEPATH} lists the MinGW runtime DLL directories so
 * that dynamically linked programs find libstdc++, libgcc_s and libwinpthread.
 *
 * @param wine the loader, {@code /usr/lib/wine/wine64} on Debian
 * @param winePrefix the WINEPREFIX directory (created by Wine on first use)
 * @param dllDirs directories searched for DLLs
 */
public record WineRunner(Path wine, Path winePrefix, List<Path> dllDirs) implements Runner {
  public WineRunner {
    dllDirs = List.copyOf(dllDirs);
  }

  /**
   * Creates the prefix with {@code wineboot --init} unless it exists, under a file lock: two
   * Wine processes creating one prefix at the same time can leave it half made.
   */
  @Override
  public void prepare(ProcessRunner processes) {
    Path ready = winePrefix.resolve(".update-timestamp"); // written by wineboot when the prefix is complete
    if (Files.exists(ready)) {
      return;
    }
    synchronized (WineRunner.class) { // a FileLock excludes other processes only, not other threads
      createPrefix(processes, ready);
    }
  }

  private void createPrefix(ProcessRunner processes, Path ready) {
    Path lock = winePrefix.resolveSibling(winePrefix.getFileName() + ".lock");
    try {
      Files.createDirectories(winePrefix.getParent());
      try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = ch.lock()) {
        if (!Files.exists(ready)) {
          // Wine's own complaints, if any, reappear when the program runs; its output here is noise.
          processes.capture(new Command(List.of(wine.toString(), "wineboot", "--init"), env(), null,
              Duration.ofMinutes(3)));
        }
      }
    } catch (IOException e) {
      // Without the lock the program still runs; Wine then creates the prefix itself.
    }
  }

  @Override
  public String name() {
    return "wine";
  }

  @Override
  public boolean emulated() {
    return true;
  }

  @Override
  public List<String> prefix() {
    return List.of(wine.toString());
  }

  @Override
  public Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("WINEPREFIX", winePrefix.toString());
    env.put("WINEDEBUG", "-all");
    // No Mono/Gecko download prompt while the prefix is created: there is no network or display.
    env.put("WINEDLLOVERRIDES", "mscoree,mshtml=");
    if (!dllDirs.isEmpty()) {
      env.put("WINEPATH", dllDirs.stream().map(Path::toString).collect(Collectors.joining(";")));
    }
    return env;
  }
}
