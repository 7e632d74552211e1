package dev.crosskit.base;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of the crosskit that is running, as the build wrote it into
 * {@code crosskit-version.properties} (crosskit-cli's resources, on the class path wherever
 * crosskit runs); "unknown" where it is not (the core library alone).
 */
public final class CrosskitVersion {
  private static final String VERSION = read();

  private CrosskitVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String read() {
    Properties props = new Properties();
    try (InputStream in = CrosskitVersion.class.getResourceAsStream("/crosskit-version.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException unreadable) {
      // the version is only reported
    }
    String v = props.getProperty("version", "").strip();
    return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
  }
}
