package io.sgstream.capture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.event.RowChange;
import io.sgstream.event.SignalEvent;
import io.sgstream.event.SignalRequest;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.TransactionEnd;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Signals are placed through the source's WAL: in stream order, once per request, replayed with the same id. */
class SignalsTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void signalsArriveInStreamOrderOncePerRequestAndCarrySequencesWhereTheyNeedThem() throws Exception {
        String db = PG.createDatabase("signals");
        PG.execute(db, "CREATE TABLE t (id serial PRIMARY KEY, v text)");
        CaptureConfig config = TestCaptures.config(PG, db, "signals").build();
        try (RecordingEndpoint endpoint = new RecordingEndpoint(); HttpEventSink sink = TestCaptures.sink(endpoint, 8)) {
            CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry());
            capture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(0) != null);
            PG.execute(db, "INSERT INTO t (v) VALUES ('a')"); // tx 1
            SignalRequest command = new SignalRequest(config.stream(), "command", "{\"command\": \"ANALYZE t\"}");
            Optional<SignalEvent> placed = capture.requestSignal(command).get(30, TimeUnit.SECONDS); // tx 2
            PG.execute(db, "INSERT INTO t (v) VALUES ('b'), ('c')"); // tx 3
            assertThat(capture.requestSignal(command).get(30, TimeUnit.SECONDS)).as("same request again").isEmpty();
            Optional<SignalEvent> sync = capture.requestSignal(
                    new SignalRequest(config.stream(), "sync-sequences", "{}")).get(30, TimeUnit.SECONDS); // tx 4
            PG.execute(db, "INSERT INTO t (v) VALUES ('d')"); // tx 5
            Optional<SignalEvent> tombstone = capture.requestSignal(
                    new SignalRequest(config.stream(), "tombstone", "")).get(30, TimeUnit.SECONDS); // tx 6

            assertThat(placed).get().satisfies(s -> {
                assertThat(s.position().txSeq()).isEqualTo(2);
                assertThat(s.position().seq()).isEqualTo(1);
                assertThat(s.name()).isEqualTo("command");
                assertThat(s.data().get("command").asText()).isEqualTo("ANALYZE t");
            });
            assertThat(sync).get().satisfies(s -> {
                assertThat(s.position().txSeq()).isEqualTo(4);
                assertThat(s.data().get("sequences").toString())
                        .isEqualTo("[{\"schema\":\"public\",\"name\":\"t_id_seq\",\"lastValue\":3,\"isCalled\":true}]");
            });
            assertThat(tombstone).get().satisfies(s -> {
                assertThat(s.position().txSeq()).isEqualTo(6);
                assertThat(s.data().get("sequences").toString())
                        .isEqualTo("[{\"schema\":\"public\",\"name\":\"t_id_seq\",\"lastValue\":4,\"isCalled\":true}]");
            });
            List<StreamEvent> events = endpoint.events();
            assertThat(events).extracting(e -> e.position().txSeq() + ":" + e.getClass().getSimpleName())
                    .containsExactly("0:TransactionEnd", "1:RowChange", "1:TransactionEnd", "2:SignalEvent",
                            "2:TransactionEnd", "3:RowChange", "3:RowChange", "3:TransactionEnd", "4:SignalEvent",
                            "4:TransactionEnd", "5:RowChange", "5:TransactionEnd", "6:SignalEvent", "6:TransactionEnd");
            assertThat(endpoint.transactionEnd(2).eventCount()).isEqualTo(1);
            assertThat(events).filteredOn(e -> e instanceof RowChange)
                    .allSatisfy(e -> assertThat(((RowChange) e).table()).isEqualTo("t"));

            capture.stop();
            assertThat(capture.state()).isEqualTo(CaptureState.STOPPED);
            capture.dropSlotAndPublication();
            try (Connection c = PG.server().connect(db); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM pg_replication_slots WHERE slot_name = "
                         + "'test_signals') + (SELECT count(*) FROM pg_publication WHERE pubname = 'test_signals')")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            assertThatThrownBy(() -> capture.requestSignal(command)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aSignalIsReplayedWithTheSameIdAfterARestart() throws Exception {
        String db = PG.createDatabase("signalreplay");
        PG.execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
        CaptureConfig config = TestCaptures.config(PG, db, "signalreplay").build();
        try (RecordingEndpoint endpoint = new RecordingEndpoint(); HttpEventSink sink = TestCaptures.sink(endpoint, 8)) {
            String signalId;
            try (CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry())) {
                capture.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> capture.status().acknowledgedTxSeq() == 0);
                endpoint.respond(e -> e.getType().startsWith("io.sgstream.signal") ? 503 : 202); // never acknowledged
                capture.requestSignal(new SignalRequest(config.stream(), "command", "{\"command\": \"SELECT 1\"}"));
                PG.execute(db, "INSERT INTO t VALUES (1)");
                await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(2) != null);
                signalId = capture.status().epoch() + "-1-1";
            }
            endpoint.respond(e -> 202);
            try (CaptureService again = new CaptureService(config, sink, new SimpleMeterRegistry())) {
                again.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> again.status().acknowledgedTxSeq() == 2);
            }
            StreamEvent signal = endpoint.events().stream().filter(e -> e.id().equals(signalId)).findFirst().orElseThrow();
            assertThat(signal).isInstanceOf(SignalEvent.class);
            assertThat(endpoint.transactionEnd(1).eventCount()).isEqualTo(1);
            assertThat(endpoint.events()).filteredOn(e -> e instanceof TransactionEnd).hasSize(3);
        }
    }
}
