package dev.crosskit.image;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crosskit.base.AtomicFiles;
import dev.crosskit.base.BadInputException;
import dev.crosskit.base.Digests;
import dev.crosskit.pack.ArchiveEntry;
import dev.crosskit.pack.Archives;
import dev.crosskit.pack.DeterministicGzip;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Writes a multi-platform OCI image layout: per platform a config, a manifest and one gzip'd
 * layer holding the binary at the root ({@code /<name>}, the entrypoint), optionally on top of a
 * base layer; an image index over the manifests; and {@code index.json} pointing at that index
 * under the tag. Everything is deterministic: fixed mtimes, uid/gid 0, sorted, fixed gzip header,
 * JSON keys in a fixed order, {@code created} = SOURCE_DATE_EPOCH.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md">image-layout.md</a>
 */
public final class ImageBuilder {
  private static final String PATH_ENV = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** One platform's image: the binary to put at {@code /<name>} and run as the entrypoint. */
  public record Input(String target, Platform platform, Path binary, String name) {}

  /** What was written: the index and, per target, its manifest. */
  public record Written(String reference, Descriptor index, List<PlatformManifest> manifests) {}

  public record PlatformManifest(String target, String platform, Descriptor manifest, Descriptor layer) {}

  private final long epoch;
  private final Optional<Path> baseLayer;

  public ImageBuilder(long sourceDateEpoch, Optional<Path> baseLayer) {
    this.epoch = sourceDateEpoch;
    this.baseLayer = baseLayer;
  }

  /**
   * Writes the layout into {@code layout} (an empty directory). {@code reference} is NAME:TAG;
   * index.json's one entry is marked as crosskit's ({@link OciLayout#WRITER}).
   */
  public Written writeLayout(Path layout, ImageReference reference, List<Input> inputs) throws IOException {
    BlobStore blobs = new BlobStore(layout);
    Optional<Layer> base = baseLayer.isPresent() ? Optional.of(baseLayer(baseLayer.get())) : Optional.empty();
    List<PlatformManifest> written = new ArrayList<>();
    ArrayNode manifests = OciJson.object().arrayNode();
    for (Input in : inputs) {
      Layer app = layer(List.of(new ArchiveEntry(in.name(), in.binary(), true)));
      List<Layer> layers = new ArrayList<>();
      base.ifPresent(layers::add);
      layers.add(app);
      List<Descriptor> layerDescriptors = new ArrayList<>();
      for (Layer l : layers) {
        layerDescriptors.add(blobs.put(Descriptor.LAYER_GZIP, l.gzipped()));
      }
      Descriptor config = blobs.put(Descriptor.CONFIG, OciJson.bytes(config(in, layers)));
      ObjectNode m = OciJson.object();
      m.put("schemaVersion", 2);
      m.put("mediaType", Descriptor.MANIFEST);
      m.set("config", config.toJson());
      ArrayNode ls = m.putArray("layers");
      layerDescriptors.forEach(d -> ls.add(d.toJson()));
      Descriptor manifest = blobs.put(Descriptor.MANIFEST, OciJson.bytes(m));
      ObjectNode entry = manifest.toJson();
      ObjectNode platform = entry.putObject("platform");
      in.platform().into(platform);
      manifests.add(entry);
      written.add(new PlatformManifest(in.target(), in.platform().toString(), manifest,
          layerDescriptors.get(layerDescriptors.size() - 1)));
    }
    ObjectNode index = OciJson.object();
    index.put("schemaVersion", 2);
    index.put("mediaType", Descriptor.INDEX);
    index.set("manifests", manifests);
    Descriptor indexBlob = blobs.put(Descriptor.INDEX, OciJson.bytes(index));

    ObjectNode top = OciJson.object();
    top.put("schemaVersion", 2);
    top.put("mediaType", Descriptor.INDEX);
    ObjectNode ref = indexBlob.toJson();
    ObjectNode annotations = ref.putObject("annotations");
    annotations.put("io.containerd.image.name", reference.toString());
    annotations.put("org.opencontainers.image.ref.name", reference.tag());
    annotations.put(OciLayout.WRITER, "crosskit image"); // what may be replaced or added to later
    top.putArray("manifests").add(ref);
    Files.write(layout.resolve("index.json"), OciJson.bytes(top));
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}", StandardCharsets.UTF_8);
    return new Written(reference.toString(), indexBlob, written);
  }

  /** Tars a finished layout into {@code file} (an OCI archive), written to a temp file first. */
  public void archive(Path layout, Path file) throws IOException {
    List<ArchiveEntry> entries = new ArrayList<>();
    try (var walk = Files.walk(layout)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        entries.add(new ArchiveEntry(layout.relativize(p).toString().replace('\\', '/'), p, false));
      }
    }
    AtomicFiles.write(file, out -> Archives.tar(entries, epoch, out));
  }

  private ObjectNode config(Input in, List<Layer> layers) {
    String created = Instant.ofEpochSecond(epoch).toString();
    ObjectNode c = OciJson.object();
    c.put("created", created);
    in.platform().into(c);
    ObjectNode run = c.putObject("config");
    run.set("Env", OciJson.array(PATH_ENV));
    run.set("Entrypoint", OciJson.array("/" + in.name()));
    run.put("WorkingDir", "/");
    ObjectNode rootfs = c.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    layers.forEach(l -> diffIds.add(l.diffId()));
    ArrayNode history = c.putArray("history");
    for (Layer l : layers) {
      ObjectNode h = history.addObject();
      h.put("created", created);
      h.put("created_by", l == layers.get(layers.size() - 1) ? "crosskit image: /" + in.name() + " for "
          + in.target() : "crosskit image: base layer");
    }
    return c;
  }

  /** A layer: its uncompressed digest (the diff id) and its gzip'd bytes (the blob). */
  record Layer(String diffId, byte[] gzipped) {}

  private Layer layer(List<ArchiveEntry> entries) throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    Archives.tar(entries, epoch, tar);
    return new Layer("sha256:" + Digests.sha256(tar.toByteArray()), gzip(tar.toByteArray()));
  }

  /**
   * Refuses a base layer that is not a tar archive (plain or gzip'd): every entry must read
   * as a tar entry. An image runtime would otherwise fail on the layer long after crosskit said
   * the image was written.
   */
  public static void checkBaseLayer(Path file) {
    String problem;
    try {
      int entries = 0;
      try (org.apache.commons.compress.archivers.tar.TarArchiveInputStream tar =
          new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(uncompressed(file))) {
        while (tar.getNextEntry() != null) {
          entries++;
        }
      }
      problem = entries > 0 || emptyTar(file) ? null : "has no tar header";
    } catch (IOException | IllegalArgumentException e) {
      problem = "cannot be read as one (" + (e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage().lines().findFirst().orElse("")) + ")";
    }
    if (problem != null) {
      throw new BadInputException("--base-layer " + file + " is not a tar archive (plain or gzip'd): it " + problem);
    }
  }

  private static InputStream uncompressed(Path file) throws IOException {
    InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file));
    raw.mark(2);
    boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
    raw.reset();
    return gz ? new GZIPInputStream(raw) : raw;
  }

  /** An archive without entries is its end marker: two 512-byte blocks of zeros. */
  private static boolean emptyTar(Path file) throws IOException {
    try (InputStream in = uncompressed(file)) {
      byte[] end = in.readNBytes(1024);
      if (end.length < 1024) {
        return false;
      }
      for (byte b : end) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }
  }

  /** A user's base layer tar (plain or gzip'd), stored as given when already gzip'd. */
  private static Layer baseLayer(Path file) throws IOException {
    byte[] raw = Files.readAllBytes(file);
    boolean gz = raw.length > 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b;
    if (!gz) {
      return new Layer("sha256:" + Digests.sha256(raw), gzip(raw));
    }
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
      return new Layer("sha256:" + Digests.sha256(in.readAllBytes()), raw);
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeterministicGzip gz = new DeterministicGzip(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }
}
