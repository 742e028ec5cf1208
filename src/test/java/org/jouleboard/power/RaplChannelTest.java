package org.jouleboard.power;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a powercap tree laid out like /sys/class/powercap. */
class RaplChannelTest {

    @TempDir
    Path powercap;

    private void zone(String dir, String name, long range, long energy) throws IOException {
        Path zone = Files.createDirectories(powercap.resolve(dir));
        Files.writeString(zone.resolve("name"), name + "\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), range + "\n");
        Files.writeString(zone.resolve("energy_uj"), energy + "\n");
    }

    @Test
    void reportsEachZoneAndHandlesWraparound() throws IOException {
        zone("intel-rapl:0", "package-0", 262_143_328_850L, 262_143_000_000L);
        zone("intel-rapl:0:0", "dram", 65_712_999_613L, 1_000_000L);
        RaplChannel rapl = RaplChannel.open(powercap);
        RaplChannel.Snapshot start = rapl.read();

        Files.writeString(powercap.resolve("intel-rapl:0/energy_uj"), "2000000\n"); // wrapped
        Files.writeString(powercap.resolve("intel-rapl:0:0/energy_uj"), "4500000\n");
        CpuEnergy energy = rapl.between(start, rapl.read());

        assertThat(energy.zones().get("package-0 (0)").value()).isEqualTo((328_850 + 2_000_000) / 1e6);
        assertThat(energy.zones().get("dram (0:0)").value()).isEqualTo(3.5);
        assertThat(energy.note()).contains("package-0 (0) counter wrapped").contains("not included");
    }

    @Test
    void missingPowercapIsANoteNotAFigure() {
        RaplChannel rapl = RaplChannel.open(powercap.resolve("absent"));
        CpuEnergy energy = rapl.between(rapl.read(), rapl.read());
        assertThat(energy.zones()).isEmpty();
        assertThat(energy.note()).contains("no RAPL powercap");
    }
}
