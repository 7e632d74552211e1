package dev.crosskit.build;

import dev.crosskit.config.TargetSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a build needs C++: {@code [build] cxx} when set, else whether the project's source
 * tree has C++ files. It decides whether a musl target gets crosskit's libstdc++ (a build of
 * minutes, once per target), so a C-only project never waits for one.
 */
public final class CxxSources {
  private static final Set<String> EXTENSIONS = Set.of("cpp", "cc", "cxx", "c++", "hpp", "hh", "hxx", "h++", "ipp", "tcc");

  private CxxSources() {}

  public static boolean wanted(TargetSettings settings, Path projectDir) {
    return settings.cxx().orElseGet(() -> present(projectDir));
  }

  /** True when a file of the tree (as {@link SourceTree} sees it) is C++ by its name. */
  public static boolean present(Path projectDir) {
    return new SourceTree(projectDir).files().stream().anyMatch(CxxSources::isCxx);
  }

  static boolean isCxx(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot <= 0) {
      return false;
    }
    String ext = name.substring(dot + 1);
    return ext.equals("C") || EXTENSIONS.contains(ext.toLowerCase(Locale.ROOT));
  }
}
