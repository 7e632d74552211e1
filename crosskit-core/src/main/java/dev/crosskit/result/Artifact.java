package dev.crosskit.result;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A file a target's build delivered, as collected into {@code <target>/artifacts/}.
 *
 * @param path relative to the output directory
 * @param identity what verify found: e.g. "aarch64 ELF 64-bit dynamic glibc"
 * @param findings verify's findings that were not PASS ("FAIL max-glibc: ...")
 * @param facts what verify read (arch, libc, linkage, newest GLIBC, hardening); null before verify
 *     and in older reports
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Artifact(String path, long size, String sha256, String matchedTarget, String identity,
    boolean verified, List<String> findings, ArtifactFacts facts) {
  @JsonCreator
  public Artifact {}

  /** An artifact without facts (not verified yet). */
  public Artifact(String path, long size, String sha256, String matchedTarget, String identity, boolean verified,
      List<String> findings) {
    this(path, size, sha256, matchedTarget, identity, verified, findings, null);
  }
}
