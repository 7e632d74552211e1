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
  /** A Debian version (Debian Policy 5.6.12): an optional epoch, then a digit, then letters, digits and {@code . + ~ -}. */
  private static final Pattern VERSION = Pattern.compile("([0-9]+:)?[0-9][A-Za-z0-9.+~-]*");
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

  /**
   * A name, or a name pinned to one version as apt spells it ({@code libstd-rust-web-dev=1.96.0+dfsg1-1~deb12u2}):
   * the name checked as by {@link #check}, the version to be a Debian version.
   */
  public static String checkSpec(String spec) {
    int eq = spec == null ? -1 : spec.indexOf('=');
    if (eq < 0) {
      return check(spec);
    }
    check(spec.substring(0, eq));
    String version = spec.substring(eq + 1);
    if (version.length() > MAX_LENGTH || !VERSION.matcher(version).matches()) {
      String shown = version.length() > 80 ? version.substring(0, 77) + "..." : version;
      throw new BadInputException("'" + shown + "' is not a Debian package version (a digit first, then letters, "
          + "digits and + - . ~, e.g. 1:1.2.13.dfsg-1)");
    }
    return spec;
  }

  /** Why {@code name} is refused, in one line. */
  public static String problem(String name) {
    String shown = name == null ? "null" : name.length() > 80 ? name.substring(0, 77) + "..." : name;
    return "'" + shown + "' is not a Debian package name (lower-case letters, digits and + - . only, e.g. zlib1g-dev)";
  }
}
