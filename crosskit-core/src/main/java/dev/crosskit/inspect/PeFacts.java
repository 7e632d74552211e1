package dev.crosskit.inspect;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;

/**
 * PE/COFF facts. {@code kind} is {@code exe} or {@code dll}; {@code subsystem} is the Windows
 * subsystem name ({@code console}, {@code gui}, ...).
 */
public record PeFacts(
    int machine,
    String machineName,
    String magic,
    String kind,
    String subsystem,
    String subsystemVersion,
    String osVersion,
    String dllCharacteristics,
    boolean aslr,
    boolean highEntropyVa,
    boolean nx,
    boolean cfg,
    List<String> imports,
    List<String> delayImports) {

  @JsonIgnore
  public List<String> allImports() {
    List<String> all = new ArrayList<>(imports);
    all.addAll(delayImports);
    return all;
  }
}
