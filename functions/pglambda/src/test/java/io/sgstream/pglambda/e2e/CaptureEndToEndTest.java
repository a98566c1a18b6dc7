package io.sgstream.pglambda.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.PostgresEndpoint;
import io.sgstream.capture.sink.EventSink;
import io.sgstream.event.EventCodec;
import io.sgstream.event.EventTypes;
import io.sgstream.event.StreamId;
import io.sgstream.pglambda.Outcome;
import io.sgstream.pglambda.PgLambda;
import io.sgstream.pglambda.PgLambdaOptions;
import io.sgstream.pglambda.js.Console;
import io.sgstream.pglambda.js.Scripts;
import io.sgstream.pglambda.knative.SummaryScript;
import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path on one machine: SQL on a real PostgreSQL, captured by the capture service (Debezium, pgoutput:
 * snapshot then streaming), each CloudEvent handed to the summary script in-process as the local runner does.
 * The replies, summed per order, give back the amounts the database holds.
 */
class CaptureEndToEndTest {

    // held in fields: JUL forgets the level of a logger nobody references
    private static final List<Logger> QUIET = List.of(Logger.getLogger("io.debezium"), Logger.getLogger("org.apache.kafka"),
            Logger.getLogger("io.sgstream.capture"));

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    /** Acknowledges an event once the PgLambda acknowledged it; refuses it (the capture stops) otherwise. */
    static final class PgLambdaSink implements EventSink {
        final PgLambda lambda;
        final Map<String, JsonNode> replies = new ConcurrentHashMap<>(); // by id, as a consumer deduplicates them
        final List<String> transactionsEnded = new CopyOnWriteArrayList<>();

        PgLambdaSink(PgLambda lambda) {
            this.lambda = lambda;
        }

        @Override
        public CompletableFuture<Void> send(CloudEvent event) {
            Outcome outcome = lambda.handle(event);
            if (!outcome.acknowledges()) {
                return CompletableFuture.failedFuture(new IllegalStateException(event.getId() + ": " + outcome));
            }
            if (outcome.reply() != null) {
                try {
                    replies.put(outcome.reply().getId(), EventCodec.JSON.readTree(outcome.reply().getData().toBytes()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (EventTypes.TRANSACTION.equals(event.getType())) {
                transactionsEnded.add(String.valueOf(event.getExtension("txseq")));
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void capturedChangesRunThroughTheScript() throws Exception {
        QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
        String db = PG.createDatabase("pglambda_capture");
        PG.execute(db,
                "CREATE TABLE orders (id integer PRIMARY KEY, customer text NOT NULL, amount numeric(10,2))",
                "ALTER TABLE orders REPLICA IDENTITY FULL",
                "INSERT INTO orders VALUES (1, 'ann', 10.00), (2, 'bob', 20.50)");
        PostgresEndpoint source = new PostgresEndpoint(PG.server().host(), PG.server().port(), db, PostgresServer.USER,
                PostgresServer.PASSWORD);
        CaptureConfig config = CaptureConfig.builder(new StreamId("shop", "orders-capture"), source)
                .commitInterval(Duration.ofMillis(200)).heartbeatInterval(Duration.ofSeconds(1))
                .lagPollInterval(Duration.ofMillis(500)).stopTimeout(Duration.ofSeconds(5)).build();

        Map<Integer, Long> summed = new TreeMap<>();
        try (PgLambda lambda = PgLambda.javascript(SummaryScript.SCRIPT, Scripts.options(new Console()), PgLambdaOptions.defaults());
             PgLambdaSink sink = new PgLambdaSink(lambda);
             CaptureService capture = new CaptureService(config, sink, new SimpleMeterRegistry())) {
            capture.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> sink.transactionsEnded.contains("0"));

            PG.execute(db, "INSERT INTO orders VALUES (3, 'carl', 7.25)");
            PG.execute(db, "UPDATE orders SET amount = 12.00 WHERE id = 1");
            PG.execute(db, "DELETE FROM orders WHERE id = 2");
            PG.execute(db, "BEGIN; INSERT INTO orders VALUES (4, 'dora', NULL); UPDATE orders SET amount = 1.99 WHERE id = 4; "
                    + "UPDATE orders SET amount = 8.00 WHERE id = 3; COMMIT");
            await().atMost(Duration.ofSeconds(90)).until(() -> sink.transactionsEnded.size() == 5);

            assertThat(capture.failure()).isEmpty();
            assertThat(sink.replies).hasSize(8); // 2 snapshot rows + 6 changes
            assertThat(sink.replies.values()).extracting(r -> r.path("op").asText()).containsOnly("r", "c", "u", "d");
            sink.replies.values().forEach(r -> summed.merge(r.path("order").asInt(), r.path("cents").asLong(), Long::sum));
        }

        assertThat(amountsInCents(db)).isEqualTo(Map.of(1, 1200L, 3, 800L, 4, 199L));
        assertThat(summed).isEqualTo(Map.of(1, 1200L, 2, 0L, 3, 800L, 4, 199L));
    }

    private static Map<Integer, Long> amountsInCents(String db) throws Exception {
        Map<Integer, Long> amounts = new TreeMap<>();
        try (Connection c = PG.server().connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, (coalesce(amount, 0) * 100)::bigint FROM orders")) {
            while (rs.next()) {
                amounts.put(rs.getInt(1), rs.getLong(2));
            }
        }
        return amounts;
    }
}
