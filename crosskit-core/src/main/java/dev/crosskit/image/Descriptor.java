package dev.crosskit.image;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An OCI content descriptor: what a blob is, its digest ({@code sha256:<hex>}) and size.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md">descriptor.md</a>
 */
public record Descriptor(String mediaType, String digest, long size) {
  static final String INDEX = "application/vnd.oci.image.index.v1+json";
  static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

  ObjectNode toJson() {
    ObjectNode n = OciJson.object();
    n.put("mediaType", mediaType);
    n.put("digest", digest);
    n.put("size", size);
    return n;
  }
}
