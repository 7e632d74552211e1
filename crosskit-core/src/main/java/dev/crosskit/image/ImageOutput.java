package dev.crosskit.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Json;
import dev.crosskit.base.StagedDirectory;
import dev.crosskit.config.OutputDir;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Where {@code crosskit image} writes, and what it may touch there:
 * <ul>
 *   <li>{@code oci:DIR}: a new or empty directory becomes a layout; an existing OCI layout —
 *       crosskit's or another tool's — gets the image added under its tag, its other images and
 *       files kept ({@link OciLayout}); a file, or a directory with other things in it, is refused.
 *   <li>{@code oci-archive:FILE}: a tar of a layout, written whole or not at all; an existing file
 *       is replaced only when it is an archive crosskit wrote — never a source file or another
 *       tool's archive.
 * </ul>
 * The default is {@code oci:<out>/image}.
 */
public final class ImageOutput {
  private final boolean archive;
  private final Path where;

  private ImageOutput(boolean archive, Path where) {
    this.archive = archive;
    this.where = where;
  }

  /**
   * @param spec {@code --output} as given, or null for the default
   * @throws BadInputException for a malformed spec or a place crosskit must not write to
   */
  public static ImageOutput of(String spec, OutputDir out) {
    String dest = spec != null ? spec : "oci:" + out.resolve("image");
    boolean archive = dest.startsWith("oci-archive:");
    if (!archive && !dest.startsWith("oci:") || dest.substring(dest.indexOf(':') + 1).isEmpty()) {
      throw new BadInputException("--output must be oci:DIR or oci-archive:FILE, got '" + dest + "'");
    }
    ImageOutput o = new ImageOutput(archive, Path.of(dest.substring(dest.indexOf(':') + 1)).toAbsolutePath().normalize());
    o.refuseWhatIsNotOurs();
    return o;
  }

  @Override
  public String toString() {
    return (archive ? "oci-archive:" : "oci:") + where;
  }

  private void refuseWhatIsNotOurs() {
    if (archive) {
      if (Files.isDirectory(where)) {
        throw new BadInputException("--output " + this + " is a directory; name a file");
      }
      if (Files.exists(where, LinkOption.NOFOLLOW_LINKS) && !writtenByCrosskit(where)) {
        throw new BadInputException("--output " + this + " exists and is not an OCI archive crosskit wrote;"
            + " crosskit replaces only its own: choose another file");
      }
      return;
    }
    if (Files.exists(where, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(where, LinkOption.NOFOLLOW_LINKS)) {
      throw new BadInputException("--output " + this + " is a file, not a directory");
    }
    if (OciLayout.isLayout(where)) {
      new OciLayout(where).index("--output " + this);
    } else if (Files.isDirectory(where) && !empty(where)) {
      throw new BadInputException("--output " + this + " is a non-empty directory that is not an OCI layout;"
          + " crosskit adds only to a layout: choose a new directory");
    }
  }

  /** Writes the image: a staged layout, then added to the existing one, moved into place or archived. */
  public ImageBuilder.Written write(ImageBuilder builder, ImageReference ref, List<ImageBuilder.Input> inputs)
      throws IOException {
    Path staging = archive ? where.resolveSibling(where.getFileName() + ".layout") : where;
    try (StagedDirectory staged = new StagedDirectory(staging)) {
      ImageBuilder.Written w = builder.writeLayout(staged.path(), ref, inputs);
      if (archive) {
        builder.archive(staged.path(), where);
      } else if (OciLayout.isLayout(where)) {
        OciLayout layout = new OciLayout(where);
        layout.add(staged.path(), layout.index("--output " + this));
      } else {
        staged.commit();
      }
      return w;
    }
  }

  private static boolean empty(Path dir) {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new BadInputException("--output oci:" + dir + " cannot be read: " + e.getMessage());
    }
  }

  /** Whether a file is a tar whose index.json names only images crosskit wrote. */
  private static boolean writtenByCrosskit(Path file) {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.getName().equals("index.json") && e.isFile() && e.getSize() < (1 << 20)) {
          JsonNode index = Json.mapper().readTree(tar.readNBytes((int) e.getSize()));
          List<JsonNode> entries = OciLayout.entries(index);
          return !entries.isEmpty() && entries.stream().allMatch(m -> m.path("annotations").has(OciLayout.WRITER));
        }
      }
      return false;
    } catch (IOException | RuntimeException notATar) {
      return false;
    }
  }
}
