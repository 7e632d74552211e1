package dev.crosskit.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An OCI image layout on disk that may hold other images (another tool's, or other tags of
 * crosskit's): crosskit adds its image to it instead of replacing it. New blobs are copied in
 * first, then {@code index.json} is rewritten whole (other entries and top-level fields kept,
 * an entry with the same tag replaced); only blobs that nothing else names any more, of an
 * image crosskit itself wrote under that tag, are removed. Files that are not blobs are left alone.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md">image-layout.md</a>
 */
final class OciLayout {
  /** Marks the index.json entries crosskit wrote (and so the archives it may replace). */
  static final String WRITER = "dev.crosskit.written-by";
  static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final long MAX_JSON = 16L << 20;

  private final Path dir;

  OciLayout(Path dir) {
    this.dir = dir;
  }

  /** Whether {@code dir} is an OCI layout (it has the {@code oci-layout} marker file). */
  static boolean isLayout(Path dir) {
    return Files.isRegularFile(dir.resolve("oci-layout"), LinkOption.NOFOLLOW_LINKS);
  }

  /** Its index.json, checked to be one crosskit can add to. @throws BadInputException when it is not */
  ObjectNode index(String described) {
    try {
      JsonNode layout = readJson(dir.resolve("oci-layout"));
      if (!layout.path("imageLayoutVersion").asText().startsWith("1.")) {
        throw new BadInputException(described + ": oci-layout is not version 1.x; crosskit adds only to those");
      }
      JsonNode index = readJson(dir.resolve("index.json"));
      if (!(index instanceof ObjectNode o) || !index.path("manifests").isArray()) {
        throw new BadInputException(described + ": index.json is not an OCI image index (no manifests list)");
      }
      return o;
    } catch (IOException e) {
      throw new BadInputException(described + ": index.json cannot be read as an OCI image index ("
          + e.getMessage().lines().findFirst().orElse("") + "); crosskit adds only to a valid layout");
    }
  }

  /**
   * Adds the image of the layout {@code staged} (just written, with one index.json entry) to
   * this one, in place of an entry with the same tag.
   */
  void add(Path staged, ObjectNode index) throws IOException {
    Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
    try (var fresh = Files.list(staged.resolve("blobs/sha256"))) {
      for (Path b : fresh.sorted().toList()) {
        Path dest = blobs.resolve(b.getFileName().toString());
        if (!Files.exists(dest, LinkOption.NOFOLLOW_LINKS)) {
          AtomicFiles.copy(b, dest); // content-addressed: a blob already there is this one
        }
      }
    }
    JsonNode ours = readJson(staged.resolve("index.json")).path("manifests").get(0);
    String tag = ours.path("annotations").path(REF_NAME).asText();
    ArrayNode kept = Json.mapper().createArrayNode();
    ArrayNode replaced = Json.mapper().createArrayNode();
    for (JsonNode m : index.path("manifests")) {
      (tag.equals(m.path("annotations").path(REF_NAME).asText()) ? replaced : kept).add(m);
    }
    kept.add(ours);
    index.set("manifests", kept);
    AtomicFiles.write(dir.resolve("index.json"), Json.write(index));
    removeUnreferenced(replaced, kept);
  }

  /** Deletes the blobs of replaced crosskit images that no kept entry reaches; nothing when unsure. */
  private void removeUnreferenced(ArrayNode replaced, ArrayNode kept) {
    Set<String> before = new HashSet<>();
    Set<String> still = new HashSet<>();
    for (JsonNode m : replaced) {
      if (m.path("annotations").has(WRITER) && !reach(m, before)) {
        return;
      }
    }
    for (JsonNode m : kept) {
      if (!reach(m, still)) {
        return; // a blob of another image cannot be read: better keep everything
      }
    }
    before.removeAll(still);
    for (String digest : before) {
      try {
        Files.deleteIfExists(blob(digest).orElseThrow());
      } catch (IOException | RuntimeException e) {
        // an unreferenced blob left behind costs space only
      }
    }
  }

  /** Adds the digests a descriptor reaches (itself, and for an index or manifest what it names); false when unreadable. */
  private boolean reach(JsonNode descriptor, Set<String> into) {
    String digest = descriptor.path("digest").asText();
    Optional<Path> file = blob(digest);
    if (file.isEmpty()) {
      return false;
    }
    if (!into.add(digest)) {
      return true;
    }
    String type = descriptor.path("mediaType").asText();
    if (!type.endsWith("image.index.v1+json") && !type.endsWith("image.manifest.v1+json")) {
      return true;
    }
    try {
      JsonNode content = readJson(file.get());
      for (JsonNode d : content.path("manifests")) {
        if (!reach(d, into)) {
          return false;
        }
      }
      if (content.has("config") && !reach(content.get("config"), into)) {
        return false;
      }
      for (JsonNode d : content.path("layers")) {
        if (!reach(d, into)) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The file of a {@code sha256:<hex>} digest, when that is what it is. */
  private Optional<Path> blob(String digest) {
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      return Optional.empty();
    }
    Path p = dir.resolve("blobs/sha256").resolve(digest.substring(7));
    return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Optional.of(p) : Optional.empty();
  }

  static JsonNode readJson(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes((int) MAX_JSON + 1);
      if (bytes.length > MAX_JSON) {
        throw new IOException(file.getFileName() + " is larger than " + (MAX_JSON >> 20) + " MiB");
      }
      return Json.mapper().readTree(bytes);
    }
  }

  /** The index.json entries of an image. */
  static List<JsonNode> entries(JsonNode index) {
    List<JsonNode> out = new java.util.ArrayList<>();
    index.path("manifests").forEach(out::add);
    return out;
  }
}
