package dev.crosskit.pack;

import dev.crosskit.base.BadInputException;
import dev.crosskit.target.Target;
import java.util.Arrays;

/** The archive a target's package is: {@code --format} and {@code [package] format}. */
public enum ArchiveFormat {
  /** tar.gz, but zip for Windows targets. */
  AUTO("auto"),
  TAR_GZ("tar.gz"),
  ZIP("zip");

  private final String label;

  ArchiveFormat(String label) {
    this.label = label;
  }

  public static ArchiveFormat of(String label) {
    return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst().orElseThrow(() ->
        new BadInputException("unknown package format '" + label + "': use auto, tar.gz or zip"));
  }

  /** The concrete format (and file extension) for a target: {@code tar.gz} or {@code zip}. */
  public String forTarget(Target t) {
    return this == AUTO ? (t.isWindows() ? ZIP.label : TAR_GZ.label) : label;
  }

  @Override
  public String toString() {
    return label;
  }
}
