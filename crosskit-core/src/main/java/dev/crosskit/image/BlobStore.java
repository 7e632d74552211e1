package dev.crosskit.image;

import dev.crosskit.base.Digests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code blobs/sha256/} directory of an OCI layout being written. */
final class BlobStore {
  private final Path dir;

  BlobStore(Path layout) throws IOException {
    this.dir = layout.resolve("blobs").resolve("sha256");
    Files.createDirectories(dir);
  }

  Descriptor put(String mediaType, byte[] content) throws IOException {
    String hex = Digests.sha256(content);
    Path p = dir.resolve(hex);
    if (!Files.exists(p)) {
      Files.write(p, content);
    }
    return new Descriptor(mediaType, "sha256:" + hex, content.length);
  }
}
