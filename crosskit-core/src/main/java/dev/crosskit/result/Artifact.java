package dev.crosskit.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A file a target's build delivered, as collected into {@code <target>/artifacts/}.
 *
 * @param path relative to the output directory
 * @param identity what verify found: e.g. "aarch64 ELF64 dynamic glibc (needs GLIBC_2.34)"
 * @param findings verify's findings that were not PASS ("FAIL max-glibc: ...")
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Artifact(String path, long size, String sha256, String matchedTarget, String identity,
    boolean verified, List<String> findings) {}
