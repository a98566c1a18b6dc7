package io.sgstream.event;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class UtcInstantsTest {

    @Test
    void readsWhatInstantToStringWrites() {
        for (String s : new String[]{"2026-11-25T10:00:00Z", "2026-11-25T10:00:00.123Z", "2026-11-25T10:00:00.123456Z",
                "2026-11-25T10:00:00.123456789Z", "2024-02-29T23:59:59.5Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z",
                "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"}) {
            assertThat(UtcInstants.parse(s)).as(s).isEqualTo(OffsetDateTime.parse(s).toInstant());
        }
        Instant now = Instant.now();
        assertThat(UtcInstants.parse(now.toString())).isEqualTo(now);
    }

    @Test
    void leavesEverythingElseToTheStrictParser() {
        for (String s : new String[]{"2026-11-25T10:00:00+01:00", "2026-11-25T10:00Z", "2026-13-25T10:00:00Z",
                "2023-02-29T10:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T10:60:00Z", "2026-11-25 10:00:00Z",
                "2026-11-25T10:00:00.Z", "2026-11-25T10:00:00.1234567890Z", "+12026-11-25T10:00:00Z", "2026-1a-25T10:00:00Z",
                "2026-11-25T10:00:00,5Z", "not a time at all"}) {
            assertThat(UtcInstants.parse(s)).as(s).isNull();
        }
    }
}
