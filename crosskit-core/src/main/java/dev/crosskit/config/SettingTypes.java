package dev.crosskit.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.DebianPackageName;
import dev.crosskit.base.Versions;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The value types of schema.json ({@code string}, {@code duration}, {@code package-list}, ...):
 * whether a crosskit.toml value (or a CROSSKIT_* variable, or a flag) is one, and if not, what
 * to say. Checked at load, so that a bad value never reaches a build.
 */
final class SettingTypes {
  private SettingTypes() {}

  /**
   * What is wrong with {@code v} as a value of {@code type}, or null when it is fine.
   *
   * @param key the setting's dotted name, for the message ({@code build.packages})
   */
  static String problem(String type, JsonNode v, String key) {
    String problem = switch (type) {
      case "package-list" -> v.isArray() && allText(v) ? each(v, n -> DebianPackageName.valid(n) ? null
          : DebianPackageName.problem(n) + " in '" + key + "'") : null;
      case "glob-list" -> v.isArray() && allText(v) ? each(v, g -> globProblem(g, key)) : null;
      case "env-map" -> v.isObject() && allValuesScalar(v) ? envProblem(v, key) : null;
      default -> null;
    };
    if (problem != null) {
      return problem;
    }
    boolean ok = switch (type) {
      case "string" -> v.isTextual();
      case "bool" -> v.isBoolean();
      case "int" -> v.isIntegralNumber() && v.canConvertToInt();
      case "duration" -> v.isIntegralNumber() && v.canConvertToLong() && v.asLong() > 0
          && v.asLong() <= Durations.MAX.toSeconds()
          || v.isTextual() && Durations.parse(v.asText()).filter(d -> d.compareTo(Durations.MAX) <= 0).isPresent();
      case "glibc-floor" -> v.isTextual() && v.asText().matches("\\d{1,4}\\.\\d{1,4}");
      case "path" -> v.isTextual() && isPath(v.asText());
      case "cache-url" -> v.isTextual() && v.asText().matches("(redis|https?)://[^\\s]+|redis\\+unix:[^\\s]+");
      case "version" -> v.isTextual() && v.asText().length() <= 40 && Versions.isVersion(v.asText());
      case "string-list", "package-list", "glob-list", "argv" -> v.isArray() && allText(v) && !(type.equals("argv") && v.isEmpty());
      case "string-map", "env-map" -> v.isObject() && allValuesScalar(v);
      default -> type.startsWith("enum:") && v.isTextual()
          && List.of(type.substring(5).split("\\|")).contains(v.asText());
    };
    return ok ? null : "'" + key + "' " + expected(type) + ", got " + describe(v);
  }

  /** The first element's problem, or null when every element of the list is fine. */
  private static String each(JsonNode list, Function<String, String> check) {
    for (JsonNode n : list) {
      String problem = check.apply(n.asText());
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String globProblem(String glob, String key) {
    try {
      FileSystems.getDefault().getPathMatcher("glob:" + glob);
      return null;
    } catch (IllegalArgumentException e) {
      String why = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
      return "'" + glob + "' in '" + key + "' is not a valid glob" + why;
    }
  }

  /** A variable a process can be given: a name without '=' or NUL, a value without NUL. */
  private static String envProblem(JsonNode env, String key) {
    for (Map.Entry<String, JsonNode> e : env.properties()) {
      String n = e.getKey();
      if (n.isEmpty() || n.indexOf('=') >= 0 || n.indexOf('\0') >= 0) {
        return "'" + key + "' has the variable name '" + n.replace("\0", "\\0") + "'; a name cannot be empty or contain '=' or NUL";
      }
      if (e.getValue().asText().indexOf('\0') >= 0) {
        return "'" + key + "." + n + "' contains a NUL character, which no environment variable can hold";
      }
    }
    return null;
  }

  /** A name this host's file system takes (a NUL character, for one, it does not). */
  private static boolean isPath(String s) {
    try {
      Path.of(s);
      return true;
    } catch (InvalidPathException e) {
      return false;
    }
  }

  private static boolean allText(JsonNode array) {
    for (JsonNode n : array) {
      if (!n.isTextual()) {
        return false;
      }
    }
    return true;
  }

  private static boolean allValuesScalar(JsonNode obj) {
    for (JsonNode n : obj) {
      if (!n.isValueNode()) {
        return false;
      }
    }
    return true;
  }

  private static String expected(String type) {
    return switch (type) {
      case "string" -> "must be a string";
      case "bool" -> "must be true or false";
      case "int" -> "must be a whole number";
      case "duration" -> "must be a duration such as \"90s\", \"10m\" or \"1h\", at most " + Durations.format(Durations.MAX);
      case "glibc-floor" -> "must be a version such as \"2.31\" (major.minor)";
      case "path" -> "must be a file name, e.g. \"link/app.ld\"";
      case "cache-url" -> "must be a ccache remote storage URL, e.g. \"redis://cache.example.org:6379\" or \"http://host/ccache\"";
      case "version" -> "must be a version such as \"11.0\"";
      case "glob-list" -> "must be a list of globs, e.g. [\"myprog\", \"lib*.so*\"]";
      case "env-map" -> "must be a table of variables, e.g. { CFLAGS = \"-O2\" }";
      case "string-list" -> "must be a list of strings, e.g. [\"a\", \"b\"]";
      case "package-list" -> "must be a list of Debian package names, e.g. [\"zlib1g-dev\"]";
      case "argv" -> "must be a non-empty command as a list of strings, e.g. [\"make\", \"test\"]";
      case "string-map" -> "must be a table of strings, e.g. { CFLAGS = \"-O2\" }";
      default -> "must be one of " + type.substring(5).replace("|", ", ");
    };
  }

  private static String describe(JsonNode v) {
    String text = v.toString();
    return (v.isArray() ? "a list " : v.isObject() ? "a table " : "") + (text.length() > 60 ? text.substring(0, 57) + "..." : text);
  }
}
