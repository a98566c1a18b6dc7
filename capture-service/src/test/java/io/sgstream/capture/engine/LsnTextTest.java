package io.sgstream.capture.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL's LSN notation, written by hand: upper-case hex halves without leading zeros. */
class LsnTextTest {

    @Test
    void writesBothHalvesInUpperCaseHex() {
        assertThat(ChangeRecord.lsnText(null)).isNull();
        assertThat(ChangeRecord.lsnText(0L)).isEqualTo("0/0");
        assertThat(ChangeRecord.lsnText(0x16B3748L)).isEqualTo("0/16B3748");
        assertThat(ChangeRecord.lsnText(0x1_0000000AL)).isEqualTo("1/A");
        assertThat(ChangeRecord.lsnText(-1L)).isEqualTo("FFFFFFFF/FFFFFFFF");
        for (long lsn : new long[]{1L, 0xFL, 0x10L, 0xABCDEF0123L, Long.MAX_VALUE, 0x8000_0000_0000_0000L}) {
            assertThat(ChangeRecord.lsnText(lsn)).isEqualTo(Long.toHexString(lsn >>> 32).toUpperCase() + "/"
                    + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase());
        }
    }
}
