package io.sgstream.capture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.event.Column;
import io.sgstream.event.KeyIdentity;
import io.sgstream.event.Op;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamEvent;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A table without primary key but with REPLICA IDENTITY FULL has all its columns marked as key, like a table whose
 * primary key is all its columns; only its changes say {@code identity: full}, and that follows the table when its
 * key or replica identity changes.
 */
class KeyIdentityCaptureTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void onlyKeylessFullIdentityTablesAreMarkedFullAndTheMarkFollowsSchemaChanges() throws Exception {
        String db = PG.createDatabase("keyidentity");
        PG.execute(db,
                "CREATE TABLE log (at int, what text)",
                "ALTER TABLE log REPLICA IDENTITY FULL",
                "CREATE TABLE pair (a int, b text, PRIMARY KEY (a, b))", // primary key over all columns
                "ALTER TABLE pair REPLICA IDENTITY FULL",
                "CREATE TABLE item (id int PRIMARY KEY, name text)",
                "CREATE TABLE note (body text)",                          // keyless, default identity: inserts only
                "INSERT INTO log VALUES (1, 'x'), (1, 'x')",
                "INSERT INTO pair VALUES (1, 'x')",
                "INSERT INTO item VALUES (1, 'x')",
                "INSERT INTO note VALUES ('x')");
        try (RecordingEndpoint endpoint = new RecordingEndpoint();
             HttpEventSink sink = TestCaptures.sink(endpoint, 16);
             CaptureService capture = new CaptureService(TestCaptures.config(PG, db, "keyidentity").build(), sink,
                     new SimpleMeterRegistry())) {
            capture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(0) != null);
            try (Connection c = PG.server().connect(db); Statement s = c.createStatement()) {
                s.execute("INSERT INTO log VALUES (1, 'x')");                                                   // tx 1
                s.execute("UPDATE log SET what = 'y' WHERE ctid = (SELECT min(ctid) FROM log)");               // tx 2
                s.execute("DELETE FROM log WHERE ctid = (SELECT min(ctid) FROM log WHERE what = 'x')");        // tx 3
                s.execute("UPDATE pair SET b = 'y'");                                                          // tx 4
                s.execute("UPDATE item SET name = 'y'");                                                       // tx 5
                s.execute("INSERT INTO note VALUES ('y')");                                                    // tx 6
                // the catalog is read when a table's changes first show a new schema, so each schema change waits
                // for the changes before it, as it would be on a capture that keeps up
                await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(6) != null);
                s.execute("ALTER TABLE note REPLICA IDENTITY FULL");
                s.execute("INSERT INTO note VALUES ('z')");                                                    // tx 7
                s.execute("DELETE FROM note WHERE body = 'x'");                                                // tx 8
                await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(8) != null);
                s.execute("ALTER TABLE log ADD COLUMN id serial PRIMARY KEY");
                s.execute("INSERT INTO log (at, what) VALUES (2, 'z')");                                       // tx 9
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(9) != null);
            List<RowChange> changes = endpoint.events().stream().filter(e -> e instanceof RowChange)
                    .map(e -> (RowChange) e).toList();

            List<RowChange> log = changes.stream().filter(r -> r.table().equals("log")).toList();
            assertThat(log).extracting(RowChange::op)
                    .containsExactly(Op.READ, Op.READ, Op.CREATE, Op.UPDATE, Op.DELETE, Op.CREATE);
            assertThat(log.subList(0, 5)).allSatisfy(r -> {
                assertThat(r.identity()).isEqualTo(KeyIdentity.FULL);
                assertThat(r.columns()).containsExactly(new Column("at", "integer", true), new Column("what", "text", true));
            });
            RowChange keyedLog = log.get(5); // the primary key added: the same table is keyed now
            assertThat(keyedLog.identity()).isEqualTo(KeyIdentity.PRIMARY_KEY);
            assertThat(keyedLog.columns()).filteredOn(Column::key).extracting(Column::name).containsExactly("id");

            List<RowChange> pair = changes.stream().filter(r -> r.table().equals("pair")).toList();
            assertThat(pair).extracting(RowChange::op).containsExactly(Op.READ, Op.DELETE, Op.CREATE); // a key change
            assertThat(pair).allSatisfy(r -> {
                assertThat(r.identity()).isEqualTo(KeyIdentity.PRIMARY_KEY);
                assertThat(r.columns()).allMatch(Column::key);
            });
            assertThat(changes.stream().filter(r -> r.table().equals("item")))
                    .extracting(RowChange::identity).hasSize(2).containsOnly(KeyIdentity.PRIMARY_KEY);

            List<RowChange> note = changes.stream().filter(r -> r.table().equals("note")).toList();
            assertThat(note).extracting(r -> r.op().code() + ":" + r.identity())
                    .containsExactly("r:PRIMARY_KEY", "c:PRIMARY_KEY", "c:FULL", "d:FULL");
            assertThat(note.get(3).before().toString()).isEqualTo("{\"body\":\"x\"}");
        }
    }
}
