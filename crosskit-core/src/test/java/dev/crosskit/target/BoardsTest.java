package dev.crosskit.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crosskit.base.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoardsTest {
  private final Boards boards = Boards.builtIn();
  private final TargetCatalog catalog = TargetCatalog.builtIn();

  @Test
  void everyBoardRunsSomeCatalogTargetAndKeepsFlashAndRamApart() {
    for (Board b : boards.all()) {
      assertThat(catalog.all()).as(b.name()).anyMatch(b::fits);
      assertThat(b.qemuMachine()).as(b.name()).isNotBlank();
      boolean overlap = b.flash().origin() < b.ram().end() && b.ram().origin() < b.flash().end();
      assertThat(overlap).as("%s flash %s ram %s", b.name(), b.flash(), b.ram()).isFalse();
    }
  }

  @Test
  void everyBareMetalTargetHasADefaultBoardThatFitsIt() {
    for (Target t : catalog.all()) {
      if (t.isBareMetal()) {
        Board b = boards.defaultFor(t).orElseThrow();
        assertThat(b.fits(t)).as(t.name() + " on " + b.name()).isTrue();
        assertThat(boards.fitting(t).get(0)).isEqualTo(b);
      } else {
        assertThat(boards.defaultFor(t)).as(t.name()).isEmpty();
      }
    }
  }

  @Test
  void aProjectPicksAnotherBoardAndMovesItsMemory() {
    Target m4 = catalog.byName("thumbv7em-none-eabihf").orElseThrow();
    Board b = boards.choose(m4, "netduinoplus2", null, new MemoryRegion(0x20000000L, 64 * 1024));
    assertThat(b.qemuMachine()).isEqualTo("netduinoplus2");
    assertThat(b.flash()).isEqualTo(new MemoryRegion(0x08000000L, 1 << 20));
    assertThat(b.ram().size()).isEqualTo(64 * 1024);
    assertThat(boards.choose(m4, null, null, null).name()).isEqualTo("mps2-an386");
  }

  @Test
  void wrongBoardsAreRefusedWithTheOnesThatFit() {
    Target m4 = catalog.byName("thumbv7em-none-eabihf").orElseThrow();
    assertThatThrownBy(() -> boards.choose(m4, "microbit", null, null)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("cannot run thumbv7em-none-eabihf code").hasMessageContaining("mps2-an386");
    assertThatThrownBy(() -> boards.choose(m4, "no-such-board", null, null)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("unknown board 'no-such-board'").hasMessageContaining("netduinoplus2");
    Target linux = catalog.byName("aarch64-linux-gnu").orElseThrow();
    assertThatThrownBy(() -> boards.choose(linux, "virt", null, null)).isInstanceOf(BadInputException.class)
        .hasMessageContaining("bare-metal targets only");
  }

  @ParameterizedTest
  @CsvSource({"0x20000000, 536870912", "4M, 4194304", "256K, 262144", "0x10K, 16384", "131072, 131072", "1_024, 1024"})
  void addressesAndSizesParse(String text, long value) {
    assertThat(MemoryRegion.parseNumber(text, "size")).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource({"'', ", "-1, ", "0x, ", "4G, ", "twelve, "})
  void malformedNumbersSayHowToWriteThem(String text) {
    assertThatThrownBy(() -> MemoryRegion.parseNumber(text, "[board] ram size")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("[board] ram size").hasMessageContaining("0x20000000");
  }
}
