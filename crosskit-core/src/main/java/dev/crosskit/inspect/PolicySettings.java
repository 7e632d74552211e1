package dev.crosskit.inspect;

import dev.crosskit.target.Target;
import java.util.List;

/**
 * The policy keys one source sets ({@link PolicyReader}): null where it says nothing, so that
 * sources can be layered — {@code flags.over(file)} — before the result becomes a {@link Policy}.
 */
public record PolicySettings(Target expect, Boolean requireStatic, String maxGlibc, String maxGlibcxx,
    List<String> allowLib, Integer maxIsaLevel, Boolean requirePie, String requireRelro, Boolean requireNx,
    Boolean noRpath, Boolean noHostPaths, String maxMacos, String macosSdk) {
  public static final PolicySettings NONE = new PolicySettings(null, null, null, null, null, null, null, null, null,
      null, null, null, null);

  /** These settings, with {@code lower}'s where these say nothing. */
  public PolicySettings over(PolicySettings lower) {
    return new PolicySettings(or(expect, lower.expect), or(requireStatic, lower.requireStatic),
        or(maxGlibc, lower.maxGlibc), or(maxGlibcxx, lower.maxGlibcxx), or(allowLib, lower.allowLib),
        or(maxIsaLevel, lower.maxIsaLevel), or(requirePie, lower.requirePie), or(requireRelro, lower.requireRelro),
        or(requireNx, lower.requireNx), or(noRpath, lower.noRpath), or(noHostPaths, lower.noHostPaths),
        or(maxMacos, lower.maxMacos), or(macosSdk, lower.macosSdk));
  }

  /** The policy, with what nothing set left unchecked. */
  public Policy toPolicy() {
    return new Policy(expect, is(requireStatic), maxGlibc, maxGlibcxx, allowLib == null ? List.of() : allowLib,
        maxIsaLevel, is(requirePie), requireRelro, is(requireNx), is(noRpath), is(noHostPaths), maxMacos, macosSdk,
        null);
  }

  /** The same settings with one key's value (as {@link PolicyReader} read it). */
  @SuppressWarnings("unchecked")
  PolicySettings with(String key, Object v) {
    return switch (key) {
      case "expect" -> new PolicySettings((Target) v, requireStatic, maxGlibc, maxGlibcxx, allowLib, maxIsaLevel,
          requirePie, requireRelro, requireNx, noRpath, noHostPaths, maxMacos, macosSdk);
      case "static" -> new PolicySettings(expect, (Boolean) v, maxGlibc, maxGlibcxx, allowLib, maxIsaLevel,
          requirePie, requireRelro, requireNx, noRpath, noHostPaths, maxMacos, macosSdk);
      case "max-glibc" -> new PolicySettings(expect, requireStatic, (String) v, maxGlibcxx, allowLib, maxIsaLevel,
          requirePie, requireRelro, requireNx, noRpath, noHostPaths, maxMacos, macosSdk);
      case "max-glibcxx" -> new PolicySettings(expect, requireStatic, maxGlibc, (String) v, allowLib, maxIsaLevel,
          requirePie, requireRelro, requireNx, noRpath, noHostPaths, maxMacos, macosSdk);
      case "allow-lib" -> new PolicySettings(expect, requireStatic, maxGlibc, maxGlibcxx, List.copyOf((List<String>) v),
          maxIsaLevel, requirePie, requireRelro, requireNx, noRpath, noHostPaths, maxMacos, macosSdk);
      case "max-isa-level" -> new PolicySettings(expect, requireStatic, maxGlibc, maxGlibcxx, allowLib, (Integer) v,
          requirePie, requireRelro, requireNx, noRpath, noHostPaths, maxMacos, macosSdk);
      case "require-pie" -> new PolicySettings(expect, requireStatic, maxGlibc, maxGlibcxx, allowLib, maxIsaLevel,
          (Boolean) v, requireRelro, requireNx, noRpath, noHostPaths, maxMacos, macosSdk);
      case "require-relro" -> new PolicySettings(expect, requireStatic, maxGlibc, maxGlibcxx, allowLib, maxIsaLevel,
          requirePie, (String) v, requireNx, noRpath, noHostPaths, maxMacos, macosSdk);
      case "require-nx" -> new PolicySettings(expect, requireStatic, maxGlibc, maxGlibcxx, allowLib, maxIsaLevel,
          requirePie, requireRelro, (Boolean) v, noRpath, noHostPaths, maxMacos, macosSdk);
      case "no-rpath" -> new PolicySettings(expect, requireStatic, maxGlibc, maxGlibcxx, allowLib, maxIsaLevel,
          requirePie, requireRelro, requireNx, (Boolean) v, noHostPaths, maxMacos, macosSdk);
      case "no-host-paths" -> new PolicySettings(expect, requireStatic, maxGlibc, maxGlibcxx, allowLib, maxIsaLevel,
          requirePie, requireRelro, requireNx, noRpath, (Boolean) v, maxMacos, macosSdk);
      case "max-macos" -> new PolicySettings(expect, requireStatic, maxGlibc, maxGlibcxx, allowLib, maxIsaLevel,
          requirePie, requireRelro, requireNx, noRpath, noHostPaths, (String) v, macosSdk);
      case "macos-sdk" -> new PolicySettings(expect, requireStatic, maxGlibc, maxGlibcxx, allowLib, maxIsaLevel,
          requirePie, requireRelro, requireNx, noRpath, noHostPaths, maxMacos, (String) v);
      default -> throw new IllegalArgumentException("not a policy key: " + key);
    };
  }

  private static <T> T or(T a, T b) {
    return a != null ? a : b;
  }

  private static boolean is(Boolean b) {
    return b != null && b;
  }
}
