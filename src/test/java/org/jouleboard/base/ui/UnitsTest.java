package org.jouleboard.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void bytesReadInBinaryUnitsAndUnknownIsNotZero() {
        assertThat(Units.bytes(null)).isEqualTo("unknown");
        assertThat(Units.bytes(0L)).isEqualTo("0 B");
        assertThat(Units.bytes(512L)).isEqualTo("512 B");
        assertThat(Units.bytes(1536L)).isEqualTo("1.5 KiB");
        assertThat(Units.bytes(5_225_388_164L)).isEqualTo("4.9 GiB");
    }
}
