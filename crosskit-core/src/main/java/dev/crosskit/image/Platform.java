package dev.crosskit.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.base.BadInputException;
import dev.crosskit.target.Target;

/**
 * The OCI platform of a target (os, architecture, variant), from the catalog's Docker scheme
 * fields ({@code dockerOs}, {@code dockerArch}, {@code dockerVariant}).
 */
public record Platform(String os, String architecture, String variant) {
  public static Platform of(Target t) {
    String os = t.field("dockerOs").orElse(null);
    String arch = t.field("dockerArch").orElse(null);
    if (os == null || arch == null) {
      throw new BadInputException(t.name() + " has no OCI platform in the target catalog; images are for Linux targets");
    }
    return new Platform(os, arch, t.field("dockerVariant").orElse(null));
  }

  void into(ObjectNode n) {
    n.put("architecture", architecture);
    n.put("os", os);
    if (variant != null) {
      n.put("variant", variant);
    }
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant != null ? "/" + variant : "");
  }
}
