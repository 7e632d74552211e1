package dev.crosskit.sdk;

import dev.crosskit.base.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The tar stream inside an SDK archive: gzip, xz or bzip2 (what osxcross's packaging scripts
 * write), told from the first bytes rather than the file name, or a plain tar.
 */
final class Decompression {
  private Decompression() {}

  /** @param in a stream that supports mark/reset (a BufferedInputStream) */
  static InputStream open(InputStream in, Path archive) throws IOException {
    String kind;
    try {
      kind = CompressorStreamFactory.detect(in);
    } catch (CompressorException notCompressed) {
      return in; // a plain tar; anything else fails as "not a tar archive"
    }
    return switch (kind) {
      case CompressorStreamFactory.GZIP -> new GzipCompressorInputStream(in, true);
      case CompressorStreamFactory.XZ -> new XZCompressorInputStream(in, true);
      case CompressorStreamFactory.BZIP2 -> new BZip2CompressorInputStream(in, true);
      default -> throw new BadInputException(archive + " is compressed with " + kind
          + ", which crosskit cannot unpack: repack the SDK as .tar.xz, .tar.gz or .tar.bz2");
    };
  }
}
