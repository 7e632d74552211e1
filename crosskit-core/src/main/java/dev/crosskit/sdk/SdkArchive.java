package dev.crosskit.sdk;

import dev.crosskit.base.BadInputException;
import dev.crosskit.base.UserException;
import dev.crosskit.sysroot.DebExtractor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * An SDK tar archive, as osxcross's packaging scripts or a plain {@code tar} on a Mac write it:
 * gzip, xz or bzip2 (told from the first bytes, not the name) or uncompressed, unpacked with the
 * rules Debian packages are unpacked by ({@link DebExtractor}: no {@code ..}, no absolute names,
 * no symlink leading out).
 */
final class SdkArchive {
  private SdkArchive() {}

  /** Unpacks {@code archive} into {@code into} and returns the SDK directory in it. */
  static Path unpack(Path archive, Path into) throws IOException {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive))) {
      DebExtractor.extractTar(open(file, archive), into, archive.getFileName().toString());
    } catch (UserException e) {
      throw e;
    } catch (IOException | IllegalArgumentException e) {
      throw new BadInputException(archive + " is neither a macOS SDK directory nor a tar archive of one (.tar,"
          + " .tar.gz, .tar.xz, .tar.bz2): " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
    return locate(into, archive);
  }

  /** @param in a stream that supports mark/reset (a BufferedInputStream) */
  private static InputStream open(InputStream in, Path archive) throws IOException {
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

  /**
   * The SDK directory in an unpacked archive: its top, or the one directory at its top holding
   * SDKSettings.json (osxcross's packaging scripts write {@code MacOSX<version>.sdk/...}).
   */
  private static Path locate(Path unpacked, Path archive) throws IOException {
    if (Files.isRegularFile(unpacked.resolve(MacSdk.SETTINGS))) {
      return unpacked;
    }
    List<Path> sdks;
    try (Stream<Path> s = Files.list(unpacked)) {
      sdks = s.filter(p -> Files.isDirectory(p) && Files.isRegularFile(p.resolve(MacSdk.SETTINGS))).sorted().toList();
    }
    if (sdks.isEmpty()) {
      throw new BadInputException(archive + " holds no macOS SDK: no " + MacSdk.SETTINGS + " at its top or in a"
          + " directory at its top (MacOSX<version>.sdk/" + MacSdk.SETTINGS + ")");
    }
    if (sdks.size() > 1) {
      throw new BadInputException(archive + " holds several SDKs (" + String.join(", ", sdks.stream()
          .map(p -> p.getFileName().toString()).toList()) + "); add them one archive at a time");
    }
    return sdks.get(0);
  }
}
