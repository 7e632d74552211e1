package dev.crosskit.pack;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What {@code crosskit package} wrote: {@code dist/manifest.json} (described in docs/packaging.md).
 * Paths are relative to dist/, so the manifest itself is the same on every checkout.
 *
 * @param sourceDateEpoch the mtime every archive entry carries
 * @param files one entry per archive
 * @param skipped targets of the report that were not packaged, with the reason
 */
public record PackageManifest(int schemaVersion, String project, String version, String nameTemplate,
    long sourceDateEpoch, List<File> files, List<Skipped> skipped) {
  public static final int SCHEMA_VERSION = 1;

  /** One archive: the target it holds, its digest, and what verify said about each artifact in it. */
  public record File(String target, String file, String format, long size, String sha256, boolean passed,
      List<Content> contents) {}

  /** One artifact inside an archive, with the verify result from report.json. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Content(String path, long size, String sha256, boolean verified, String identity,
      List<String> findings) {}

  public record Skipped(String target, String reason) {}
}
