package dev.crosskit.pack;

import dev.crosskit.target.Scheme;
import dev.crosskit.target.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Archive names from a template such as {@code {name}-{version}-{os}-{arch}}. Placeholders:
 * {@code name}, {@code version}, {@code target} (crosskit name), {@code os} and {@code arch}
 * (the conventional release spellings: linux-arm64, windows-amd64, linux-armv7), {@code libc},
 * and the key of any naming scheme ({@code rust}, {@code gnu}, {@code llvm}, {@code zig},
 * {@code debian}, {@code docker}, {@code uname}, {@code multiarch}, {@code maven}, {@code javacpp}).
 * Characters that do not belong in a file name ('/', spaces) become '-'.
 */
public final class NameTemplate {
  public static final String DEFAULT = "{name}-{version}-{os}-{arch}";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z-]+)}");
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._+-]+");
  /** 255 bytes of a file name, less ".tar.gz" and room for the "-glibc" a colliding name gets. */
  private static final int MAX_NAME = 200;

  private final String template;

  public NameTemplate(String template) {
    this.template = template;
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!known(m.group(1))) {
        throw new IllegalArgumentException("unknown placeholder {" + m.group(1) + "} in name template '" + template
            + "'; known: {name} {version} {target} {os} {arch} {libc} and the naming schemes {rust} {gnu} {llvm}"
            + " {zig} {debian} {docker} {uname} {multiarch} {maven} {javacpp}");
      }
    }
    String stripped = PLACEHOLDER.matcher(template).replaceAll("x");
    if (stripped.isEmpty() || stripped.contains("{") || stripped.contains("}") || stripped.contains("/")) {
      throw new IllegalArgumentException("bad name template '" + template
          + "': use placeholders like {name}-{version}-{os}-{arch}, no '/' or stray braces");
    }
  }

  public String template() {
    return template;
  }

  /** The archive base name (no extension) for a target. */
  public String render(String project, String version, Target target) {
    return render(values(project, version, target), target.name());
  }

  /**
   * The archive base name of universal macOS binaries ({@code [package] universal}): {@code {os}}
   * is {@code darwin}, {@code {arch}} is {@code universal}, {@code {target}} and every naming
   * scheme {@code darwin-universal}; the default template gives {@code name-1.0-darwin-universal}.
   */
  public String renderUniversal(String project, String version, Target mac) {
    Map<String, String> values = values(project, version, mac);
    values.replaceAll((k, v) -> "darwin-universal");
    values.put("name", project);
    values.put("version", version);
    values.put("os", "darwin");
    values.put("arch", "universal");
    values.put("libc", mac.libc());
    return render(values, "darwin-universal");
  }

  private String render(Map<String, String> values, String targetName) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String key = m.group(1);
      String v = values.get(key);
      if (v == null) {
        throw new IllegalArgumentException("target " + targetName + " has no " + key
            + " spelling for the name template '" + template + "'");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    String name = sanitize(sb.toString());
    // the name becomes a file and a top directory in dist/: '.' and '..' are not names, and with
    // the longest extension it must stay within the 255 bytes of a file name
    if (name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("the name template '" + template + "' gives '" + name + "' for " + targetName
          + ", which is not a file name; set [project] name and version, or another template");
    }
    if (name.length() > MAX_NAME) {
      throw new IllegalArgumentException("the name template '" + template + "' gives a name longer than " + MAX_NAME
          + " characters for " + targetName + "; shorten [project] name or version, or the template");
    }
    return name;
  }

  /** The conventional arch spelling of release files: Go's GOARCH plus the ARM revision (armv7). */
  public static String conventionalArch(Target t) {
    String arch = t.field("goArch").orElse(t.archKey());
    return t.field("goArm").map(v -> arch + "v" + v).orElse(arch);
  }

  public static String conventionalOs(Target t) {
    return t.field("goOs").orElse(t.os());
  }

  private static Map<String, String> values(String project, String version, Target t) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("name", project);
    v.put("version", version);
    v.put("target", t.name());
    v.put("os", conventionalOs(t));
    v.put("arch", conventionalArch(t));
    v.put("libc", t.libc());
    for (Scheme s : Scheme.values()) {
      if (s.parseable() && s != Scheme.GO && s != Scheme.NAME) {
        s.render(t).ifPresent(r -> v.put(s.key(), r));
      }
    }
    return v;
  }

  private static boolean known(String key) {
    return switch (key) {
      case "name", "version", "target", "os", "arch", "libc" -> true;
      default -> Scheme.fromKey(key).filter(s -> s.parseable() && s != Scheme.GO && s != Scheme.NAME)
          .map(s -> s.key().equals(key)).orElse(false);
    };
  }

  private static String sanitize(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(SAFE.matcher(String.valueOf(c)).matches() ? c : '-');
    }
    return sb.toString();
  }
}
