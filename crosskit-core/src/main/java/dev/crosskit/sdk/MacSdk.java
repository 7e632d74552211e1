package dev.crosskit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.JsonTreeReader;
import dev.crosskit.base.RegularFiles;
import dev.crosskit.base.Versions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A macOS SDK (a {@code MacOSX<version>.sdk} directory from Xcode or the Command Line Tools),
 * known by what its {@code SDKSettings.json} says. Apple's licence keeps crosskit from shipping
 * or downloading one: the user supplies it.
 *
 * @param root the SDK directory (what {@code -isysroot} names)
 * @param version {@code Version} from SDKSettings.json, e.g. {@code 14.2}; clang writes it into
 *     every binary's LC_BUILD_VERSION as the SDK version
 * @param archs the architectures SDKSettings.json lists for macOS ({@code x86_64}, {@code arm64}),
 *     empty when it does not say
 * @param minimumDeployment the oldest macOS the SDK supports, or null when it does not say
 */
public record MacSdk(Path root, String version, List<String> archs, String minimumDeployment) {
  static final String SETTINGS = "SDKSettings.json";
  static final String LIBSYSTEM = "usr/lib/libSystem.tbd";
  /** The first SDK with arm64 (Xcode 12.2): older ones cannot build for Apple silicon. */
  private static final String FIRST_ARM64_SDK = "11.0";
  /** Xcode's SDKSettings.json is a few KiB; a file far larger is not one (and must not fill the heap). */
  private static final long MAX_SETTINGS_BYTES = 1 << 20;

  public MacSdk {
    archs = List.copyOf(archs);
  }

  /** The name the SDK is kept under in crosskit's cache: {@code MacOSX14.2.sdk}. */
  public String name() {
    return "MacOSX" + version + ".sdk";
  }

  /**
   * Reads and validates an SDK directory.
   *
   * @param what how the user named it, for the message ({@code SDKROOT=/x}, {@code sdk = "/x"})
   * @throws BadInputException naming what is missing when {@code dir} is no usable SDK
   */
  public static MacSdk read(Path dir, String what) {
    if (!Files.isDirectory(dir)) {
      throw new BadInputException(what + " is not a directory: crosskit needs a MacOSX<version>.sdk directory"
          + " (see docs/macos.md)");
    }
    Path settings = dir.resolve(SETTINGS);
    if (!Files.isRegularFile(settings)) {
      throw new BadInputException(what + " is not a macOS SDK: it has no " + SETTINGS
          + " (a MacOSX<version>.sdk directory from Xcode has one; see docs/macos.md)");
    }
    JsonNode json;
    try {
      json = JsonTreeReader.read(RegularFiles.readText(settings, MAX_SETTINGS_BYTES));
    } catch (IOException e) {
      throw new BadInputException(what + ": " + SETTINGS + " is not valid JSON ("
          + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + ")");
    }
    String version = json == null ? "" : json.path("Version").asText("");
    if (!Versions.isVersion(version)) {
      throw new BadInputException(what + ": " + SETTINGS + " has no Version such as \"14.2\" (found '" + version
          + "'): not a macOS SDK's settings");
    }
    if (!Files.isRegularFile(dir.resolve(LIBSYSTEM))) {
      throw new BadInputException(what + " is not a usable macOS SDK: it has no " + LIBSYSTEM
          + " (the stub of the C library every program links against)");
    }
    JsonNode mac = json.path("SupportedTargets").path("macosx");
    List<String> archs = new ArrayList<>();
    mac.path("Archs").forEach(a -> archs.add(a.asText()));
    String min = mac.path("MinimumDeploymentTarget").asText(null);
    return new MacSdk(dir.toAbsolutePath().normalize(), version, archs, Versions.isVersion(min) ? min : null);
  }

  /** Whether the SDK can build for an arch in Apple's spelling ({@code arm64}, {@code x86_64}). */
  public boolean supports(String appleArch) {
    if (!archs.isEmpty()) {
      return archs.contains(appleArch);
    }
    return !appleArch.equals("arm64") || Versions.compare(version, FIRST_ARM64_SDK) >= 0;
  }

  /** Why the SDK cannot build for an arch, for a one-line error. */
  String unsupported(String appleArch) {
    return "macOS SDK " + version + " (" + root + ") has no " + appleArch
        + (archs.isEmpty() ? "" : ": its SDKSettings.json lists " + String.join(", ", archs))
        + (appleArch.equals("arm64") ? " (arm64 needs SDK " + FIRST_ARM64_SDK + " or newer)" : "");
  }
}
