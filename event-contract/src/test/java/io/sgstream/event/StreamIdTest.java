package io.sgstream.event;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamIdTest {

    @Test
    void eachStreamGetsItsOwnSourceWhateverWasAskedBefore() {
        StreamId a = new StreamId("shop", "orders");
        StreamId b = new StreamId("shop", "payments");
        for (int i = 0; i < 3; i++) { // alternating defeats the one-entry cache on every call
            assertThat(a.source()).isEqualTo(URI.create("/sgstream/shop/orders"));
            assertThat(b.source()).isEqualTo(URI.create("/sgstream/shop/payments"));
        }
        assertThat(new StreamId("shop", "orders").source()).isSameAs(a.source()); // equal streams share it
        assertThat(StreamId.fromSource(b.source())).isEqualTo(b);
    }

    @Test
    void eachSourceReadsAsItsOwnStreamWhateverWasReadBefore() {
        for (int i = 0; i < 3; i++) { // alternating, and new URI objects of the same text, as from HTTP
            assertThat(StreamId.fromSource(URI.create("/sgstream/shop/orders"))).isEqualTo(new StreamId("shop", "orders"));
            assertThat(StreamId.fromSource(URI.create("/sgstream/shop/payments"))).isEqualTo(new StreamId("shop", "payments"));
            assertThat(new StreamId("shop", "payments").source()).isEqualTo(URI.create("/sgstream/shop/payments"));
        }
        assertThatThrownBy(() -> StreamId.fromSource(URI.create("/sgstream/shop"))).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> StreamId.fromSource(null)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void aSourceOfAnotherShapeIsRejected() {
        assertThatThrownBy(() -> StreamId.fromSource(URI.create("/other/shop/orders")))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("/sgstream/<namespace>/<name>");
    }
}
