package io.sgstream.event;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignalRequestTest {

    @Test
    void roundTripsWithAnIdDerivedFromTheAnnotationValue() {
        SignalRequest command = new SignalRequest(EventCodecTest.STREAM, "command", "{\"command\": \"ANALYZE t\"}");
        SignalRequest read = SignalRequest.fromCloudEvent(command.toCloudEvent());
        assertThat(read).isEqualTo(command);
        assertThat(read.data().path("command").asText()).isEqualTo("ANALYZE t");
        assertThat(command.id()).startsWith("command-")
                .isEqualTo(new SignalRequest(EventCodecTest.STREAM, "command", "{\"command\": \"ANALYZE t\"}").id())
                .isNotEqualTo(new SignalRequest(EventCodecTest.STREAM, "command", "{\"command\": \"VACUUM t\"}").id());
        assertThat(new SignalRequest(EventCodecTest.STREAM, "tombstone", "").data().isObject()).isTrue();
    }

    @Test
    void rejectsValuesThatAreNotJson() {
        SignalRequest bad = new SignalRequest(EventCodecTest.STREAM, "command", "ANALYZE t");
        assertThatThrownBy(() -> SignalRequest.fromCloudEvent(bad.toCloudEvent()))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("not JSON");
    }
}
