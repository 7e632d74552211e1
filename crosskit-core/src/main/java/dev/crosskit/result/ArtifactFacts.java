package dev.crosskit.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What verify read from an artifact, for the report's matrix: the summary fields of
 * {@code crosskit inspect}, without its details.
 *
 * @param arch the catalog arch family ({@code aarch64}, {@code x86_64}, ...), with the variant where it matters
 * @param os {@code linux}, {@code windows}, {@code macos}, {@code none} (bare metal), or null when unknown
 * @param libc {@code glibc}, {@code musl}, {@code mingw}, ... or null when it cannot be told
 * @param linkage {@code static} or {@code dynamic}; null for object files
 * @param newestGlibc the newest GLIBC symbol version the artifact needs ({@code 2.34}), or null
 * @param hardening each hardening feature and its state, in a fixed order: for ELF {@code pie},
 *     {@code nx}, {@code relro} ({@code full}/{@code partial}/{@code none}), {@code canary}
 *     ({@code unknown} without symbols), {@code fortify}; for PE {@code aslr},
 *     {@code highEntropyVa}, {@code nx}, {@code cfg}; {@code yes}/{@code no} otherwise. Null
 *     when the format has none crosskit reads.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArtifactFacts(String arch, String os, String libc, String linkage, String newestGlibc,
    Map<String, String> hardening) {}
