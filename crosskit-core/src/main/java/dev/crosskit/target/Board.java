package dev.crosskit.target;

import java.util.List;
import java.util.Optional;

/**
 * A bare-metal board: the QEMU machine that emulates it and the memory layout programs are
 * linked for. Comes from {@code boards.json} ({@link Boards}); a project may move its flash and
 * RAM ({@link #withMemory}).
 *
 * @param name the catalog name, e.g. {@code mps2-an386}
 * @param arches the catalog arch keys whose code the board's CPU runs
 * @param qemuMachine QEMU's {@code -M} value
 * @param qemuCpu QEMU's {@code -cpu} value, or null when the machine has one CPU model only
 * @param qemuOptions further QEMU options ({@code -bios none})
 * @param flash where code and read-only data go (the vector table at its start on Cortex-M)
 * @param ram where data, heap and stack go
 */
public record Board(String name, String description, List<String> arches, String qemuMachine, String qemuCpu,
    List<String> qemuOptions, MemoryRegion flash, MemoryRegion ram) {
  public Board {
    arches = List.copyOf(arches);
    qemuOptions = List.copyOf(qemuOptions);
  }

  /** Whether the board's CPU runs the target's code. */
  public boolean fits(Target target) {
    return arches.contains(target.archKey());
  }

  public Optional<String> cpu() {
    return Optional.ofNullable(qemuCpu);
  }

  /** The same board with another flash and/or RAM range (null keeps the board's own). */
  public Board withMemory(MemoryRegion newFlash, MemoryRegion newRam) {
    return new Board(name, description, arches, qemuMachine, qemuCpu, qemuOptions,
        newFlash != null ? newFlash : flash, newRam != null ? newRam : ram);
  }
}
