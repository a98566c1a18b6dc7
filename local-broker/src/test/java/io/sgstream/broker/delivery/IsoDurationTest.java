package io.sgstream.broker.delivery;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class IsoDurationTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({"PT0.2S,200", "PT1M30S,90000", "PT2H,7200000", "P1D,86400000", "P1W,604800000",
            "P1DT1S,86401000", "'PT0,5S',500"})
    void parsesWhatKnativeAccepts(String text, long millis) {
        assertThat(IsoDuration.parse(text)).hasValue(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2s", "P", "PT", "0.2", "PT-1S", "", "P1S"})
    void rejectsAnythingElse(String text) {
        assertThat(IsoDuration.parse(text)).isEmpty();
    }
}
