package io.sgstream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.sgstream.event.EventTypes;
import org.junit.jupiter.api.Test;

class ResourceNamesTest {

    @Test
    void shortNamesKeepTheStreamName() {
        assertThat(ResourceNames.of("migrate-shop", "pglambda")).isEqualTo("migrate-shop-pglambda");
    }

    @Test
    void longNamesStayShortUniqueAndStable() {
        String longest = "a".repeat(54) + "-x"; // 56 characters, StackGres's limit
        String other = "a".repeat(54) + "-y";

        String name = ResourceNames.of(longest, "pglambda");

        assertThat(name).hasSizeLessThanOrEqualTo(ResourceNames.MAX_LENGTH).endsWith("-pglambda")
                .matches("[a-z]([-a-z0-9]*[a-z0-9])?");
        assertThat(name).isEqualTo(ResourceNames.of(longest, "pglambda"))
                .isNotEqualTo(ResourceNames.of(other, "pglambda"));
        // Knative names revisions <service>-00001: still a DNS label
        assertThat(name + "-00001").hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void theSignalRequestTypeIsAControlTypeTheFunctionTriggersExclude() {
        assertThat(EventTypes.SIGNAL_REQUEST).startsWith(StreamTriggers.CONTROL_TYPE_PREFIX);
        assertThat(EventTypes.CHANGE).doesNotStartWith(StreamTriggers.CONTROL_TYPE_PREFIX);
        assertThat(EventTypes.signal("tombstone")).doesNotStartWith(StreamTriggers.CONTROL_TYPE_PREFIX);
    }
}
