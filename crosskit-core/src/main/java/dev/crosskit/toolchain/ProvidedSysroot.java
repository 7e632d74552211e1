package dev.crosskit.toolchain;

import java.nio.file.Path;
import java.util.List;

/**
 * A sysroot a {@link SysrootProvider} supplies, with the flags a compiler needs to use it
 * (for a musl sysroot: {@code -nostdinc -isystem ...}, {@code --sysroot=...}, ...).
 *
 * @param root the sysroot directory
 * @param cflags extra compile flags
 * @param ldflags extra link flags
 * @param pkgConfigRelocate true when its {@code .pc} files say {@code prefix=/usr} and need
 *     {@code PKG_CONFIG_SYSROOT_DIR} (a Debian cross sysroot's do not)
 */
public record ProvidedSysroot(Path root, List<String> cflags, List<String> ldflags, boolean pkgConfigRelocate) {
  public ProvidedSysroot {
    cflags = List.copyOf(cflags);
    ldflags = List.copyOf(ldflags);
  }
}
