package dev.crosskit.base;

import java.util.regex.Pattern;

/**
 * A Debian binary package name as crosskit accepts it from the user (command line, crosskit.toml)
 * and from its own cache (a sysroot's manifest): lower-case letters, digits, {@code + - .}, at
 * least two characters, starting with a letter or digit (Debian Policy 5.6.1). Such a name can
 * never be read by apt-get as an option, a glob or a pattern; apt is also told not to read it as
 * a regular expression ({@code APT::Cmd::Pattern-Only}), which it would do for a name with
 * {@code .} or {@code +} that no package has.
 */
public final class DebianPackageName {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]+");
  /** Longer than any name in Debian's archive by far; keeps messages and argv sane. */
  private static final int MAX_LENGTH = 200;

  private DebianPackageName() {}

  public static boolean valid(String name) {
    return name != null && name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
  }

  /** The name, or a {@link BadInputException} that says what a package name looks like. */
  public static String check(String name) {
    if (!valid(name)) {
      throw new BadInputException(problem(name));
    }
    return name;
  }

  /** Why {@code name} is refused, in one line. */
  public static String problem(String name) {
    String shown = name == null ? "null" : name.length() > 80 ? name.substring(0, 77) + "..." : name;
    return "'" + shown + "' is not a Debian package name (lower-case letters, digits and + - . only, e.g. zlib1g-dev)";
  }
}
