package dev.crosskit.inspect;

import dev.crosskit.base.Versions;
import dev.crosskit.inspect.MachOFacts.Slice;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Turns a Mach-O file, thin or fat (universal), into {@link BinaryFacts}. */
final class MachOReader {
  static final long FAT = 0xcafebabeL;
  static final long FAT64 = 0xcafebabfL;
  /** Java class files share 0xcafebabe; their "count" (the class version) is 45 or more. */
  static final int MAX_FAT_ARCHES = 30;
  private static final int MAX_COMMANDS = 10_000;
  private static final String[] FILE_TYPES = {"0", "object", "execute", "fvmlib", "core", "preload", "dylib",
      "dylinker", "bundle", "dylib-stub", "dsym", "kext-bundle", "fileset"};
  private static final String[] PLATFORMS = {"0", "macos", "ios", "tvos", "watchos", "bridgeos", "maccatalyst",
      "ios-simulator", "tvos-simulator", "watchos-simulator", "driverkit", "visionos", "visionos-simulator"};

  private MachOReader() {}

  static boolean isFatMagic(long beMagic) {
    return beMagic == FAT || beMagic == FAT64;
  }

  static BinaryFacts read(String path, ByteView raw) {
    ByteView be = raw.order(ByteOrder.BIG_ENDIAN);
    long magic = be.u32(0);
    List<Slice> slices = new ArrayList<>();
    boolean fat = isFatMagic(magic);
    if (fat) {
      long n = be.u32(4);
      if (n == 0 || n > MAX_FAT_ARCHES) {
        throw new MalformedBinaryException(raw.what() + ": fat Mach-O with " + n + " architectures: corrupt");
      }
      boolean is64 = magic == FAT64;
      int entry = is64 ? 32 : 20;
      be.check(8, n * entry, "fat architecture table");
      for (int i = 0; i < n; i++) {
        long a = 8 + (long) i * entry;
        long off = is64 ? be.u64(a + 8) : be.u32(a + 8);
        long size = is64 ? be.u64(a + 16) : be.u32(a + 12);
        if (!be.contains(off, size)) {
          throw new MalformedBinaryException(raw.what() + ": fat slice " + i + " (offset " + off + ", " + size
              + " bytes) lies outside the file (" + raw.size() + " bytes): truncated or corrupt");
        }
        slices.add(slice(raw, off, size));
      }
    } else {
      slices.add(slice(raw, 0, raw.size()));
    }
    Slice first = slices.get(0);
    Machines m = Machines.get();
    boolean bits64 = (first.cpuType() & 0x01000000) != 0;
    String arch = m.arch("macho", first.cpuType() & 0xffffffffL, bits64 ? 64 : 32, false);
    String linkage = first.dylibs().isEmpty() ? "static" : "dynamic";
    return new BinaryFacts(path, raw.size(), "macho", arch, null, bits64 ? 64 : 32, "little", "macos", "system", null,
        first.fileType().equals("object") ? null : linkage, null, null, null, new MachOFacts(fat, slices),
        new ArrayList<>());
  }

  private static Slice slice(ByteView raw, long base, long size) {
    ByteView le = raw.order(ByteOrder.LITTLE_ENDIAN);
    long magic = le.u32(base);
    ByteView v;
    if (magic == 0xfeedfacfL || magic == 0xfeedfaceL) {
      v = le;
    } else if (magic == 0xcffaedfeL || magic == 0xcefaedfeL) {
      v = raw.order(ByteOrder.BIG_ENDIAN);
      magic = v.u32(base);
    } else {
      throw new MalformedBinaryException(raw.what() + ": Mach-O slice at offset " + base + " has magic 0x"
          + Long.toHexString(magic) + ": corrupt");
    }
    boolean is64 = magic == 0xfeedfacfL;
    int header = is64 ? 32 : 28;
    v.check(base, header, "Mach-O header");
    int cpuType = v.s32(base + 4);
    int cpuSubtype = v.s32(base + 8) & 0x00ffffff;
    long fileType = v.u32(base + 12);
    long ncmds = v.u32(base + 16);
    long sizeofcmds = v.u32(base + 20);
    long flags = v.u32(base + 24);
    if (ncmds > MAX_COMMANDS || sizeofcmds > size - header) {
      throw new MalformedBinaryException(raw.what() + ": Mach-O header claims " + ncmds + " load commands in "
          + sizeofcmds + " bytes: truncated or corrupt");
    }
    v.check(base + header, sizeofcmds, "load commands");
    long p = base + header;
    long end = p + sizeofcmds;
    String platform = null;
    String minOs = null;
    String sdk = null;
    String versionCommand = null;
    String uuid = null;
    String installName = null;
    boolean signed = false;
    long signatureOffset = 0;
    long signatureSize = 0;
    List<String> dylibs = new ArrayList<>();
    List<String> rpaths = new ArrayList<>();
    for (long i = 0; i < ncmds; i++) {
      if (p + 8 > end) {
        throw new MalformedBinaryException(raw.what() + ": load command " + i + " runs past sizeofcmds: corrupt");
      }
      long cmd = v.u32(p);
      long cmdsize = v.u32(p + 4);
      if (cmdsize < 8 || cmdsize > end - p) {
        throw new MalformedBinaryException(raw.what() + ": load command " + i + " has size " + cmdsize + ": corrupt");
      }
      if (cmd == 0xC || cmd == 0x80000018L || cmd == 0x8000001FL || cmd == 0x80000023L) {
        dylibs.add(lcString(v, p, cmdsize));
      } else if (cmd == 0xD) {
        installName = lcString(v, p, cmdsize);
      } else if (cmd == 0x8000001CL) {
        rpaths.add(lcString(v, p, cmdsize));
      } else if (cmd == 0x32 && cmdsize >= 24) {
        long pl = v.u32(p + 8);
        platform = pl < PLATFORMS.length ? PLATFORMS[(int) pl] : "platform-" + pl;
        minOs = version(v.u32(p + 12));
        sdk = version(v.u32(p + 16));
        versionCommand = "LC_BUILD_VERSION";
      } else if ((cmd == 0x24 || cmd == 0x25 || cmd == 0x2F || cmd == 0x30) && cmdsize >= 16) {
        platform = cmd == 0x24 ? "macos" : cmd == 0x25 ? "ios" : cmd == 0x2F ? "tvos" : "watchos";
        minOs = version(v.u32(p + 8));
        sdk = version(v.u32(p + 12));
        versionCommand = cmd == 0x24 ? "LC_VERSION_MIN_MACOSX" : cmd == 0x25 ? "LC_VERSION_MIN_IPHONEOS"
            : cmd == 0x2F ? "LC_VERSION_MIN_TVOS" : "LC_VERSION_MIN_WATCHOS";
      } else if (cmd == 0x1B && cmdsize >= 24) {
        uuid = uuid(v.hex(p + 8, 16));
      } else if (cmd == 0x1D && cmdsize >= 16) {
        signed = true;
        signatureOffset = v.u32(p + 8);
        signatureSize = v.u32(p + 12);
      }
      p += cmdsize;
    }
    String signatureProblem = signed ? CodeSignature.problem(raw, base, signatureOffset, signatureSize) : null;
    Machines m = Machines.get();
    return new Slice(m.name("macho", cpuType & 0xffffffffL), cpuType, cpuSubtype,
        fileType < FILE_TYPES.length ? FILE_TYPES[(int) fileType] : "type-" + fileType, (flags & 0x200000) != 0,
        platform, minOs, sdk, versionCommand, uuid, signed, signatureProblem, installName, dylibs, rpaths);
  }

  /** A string inside a load command, at the offset stored 8 bytes into the command. */
  private static String lcString(ByteView v, long cmd, long cmdsize) {
    long off = v.u32(cmd + 8);
    if (off < 12 || off >= cmdsize) {
      throw new MalformedBinaryException(v.what() + ": load command string offset " + off + " is corrupt");
    }
    String s = v.cstring(cmd + off);
    return s.length() > cmdsize - off ? s.substring(0, (int) (cmdsize - off)) : s;
  }

  /** Versions are packed 16.8.8 bits: 0x000B0000 is 11.0. */
  static String version(long packed) {
    long major = packed >>> 16;
    long minor = (packed >> 8) & 0xff;
    long patch = packed & 0xff;
    return patch == 0 ? major + "." + minor : major + "." + minor + "." + patch;
  }

  private static String uuid(String hex) {
    return (hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
        + hex.substring(16, 20) + "-" + hex.substring(20)).toUpperCase(java.util.Locale.ROOT);
  }
}
