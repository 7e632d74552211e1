package dev.crosskit.emulate;

import java.nio.file.Path;
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
