package dev.crosskit.emulate;

import dev.crosskit.exec.Command;
import dev.crosskit.exec.ProcessRunner;
import dev.crosskit.exec.ProcessTree;
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
          // wineserver -w waits for the server to write the prefix's registry and exit, so nothing
          // of the set-up is left running (a killed server would leave the registry unwritten).
          Path server = wine.resolveSibling("wineserver");
          List<String> argv = Files.isExecutable(server)
              ? List.of("sh", "-c", "\"$1\" wineboot --init; \"$2\" -w", "sh", wine.toString(), server.toString())
              : List.of(wine.toString(), "wineboot", "--init");
          processes.capture(new Command(argv, env(), null, Duration.ofMinutes(3)));
        }
      }
    } catch (IOException e) {
      // Without the lock the program still runs; Wine then creates the prefix itself.
    }
  }

  /**
   * Wine's own processes: its server and the system services it starts in the prefix
   * (services.exe, winedevice.exe, explorer.exe ...). They outlive the program that started them
   * by a second or two, serve every Wine program of the prefix meanwhile (another target's
   * tests too) and end by themselves, so they are not a command's leftovers.
   */
  public static boolean isHelper(ProcessTree.Proc p) {
    String exe = java.nio.file.Path.of(p.exe().isEmpty() ? "/" : p.exe()).getFileName() + "";
    if (exe.startsWith("wineserver")) {
      return true;
    }
    return exe.startsWith("wine") && !p.argv().isEmpty()
        && p.argv().get(0).toLowerCase(java.util.Locale.ROOT).startsWith("c:\\windows\\system32\\");
  }

  /** Wine's server for the prefix, up for a whole run ({@link WineServer}). */
  @Override
  public java.util.Optional<SharedServer> server() {
    return java.util.Optional.of(new WineServer(wine, winePrefix, env()));
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
