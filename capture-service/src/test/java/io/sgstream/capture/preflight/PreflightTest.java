package io.sgstream.capture.preflight;

import io.sgstream.capture.ClosedPort;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.CaptureState;
import io.sgstream.capture.PostgresEndpoint;
import io.sgstream.capture.engine.DebeziumConfig;
import io.sgstream.capture.sink.EventSink;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each problem the preflight knows, on real servers, with the message a user gets. */
class PreflightTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @RegisterExtension
    static final PostgresExtension NON_LOGICAL = PostgresExtension.nonLogical();

    /** Never acknowledges: these captures must not get as far as sending. */
    private static final EventSink NO_SINK = new EventSink() {
        @Override
        public CompletableFuture<Void> send(io.cloudevents.CloudEvent event) {
            return new CompletableFuture<>();
        }

        @Override
        public void close() {
        }
    };

    @Test
    void walLevelNotLogicalSaysHowToFixIt() {
        PostgresExtension pg = NON_LOGICAL;
        CaptureConfig config = config(new PostgresEndpoint(pg.server().host(), pg.server().port(), "postgres",
                PostgresServer.USER, PostgresServer.PASSWORD), "notlogical");
        CaptureService capture = new CaptureService(config, NO_SINK, new SimpleMeterRegistry());
        assertThatThrownBy(capture::start)
                .isInstanceOfSatisfying(PreflightException.class, e -> assertThat(e.problem())
                        .isEqualTo(PreflightException.Problem.WAL_LEVEL))
                .hasMessageContaining("wal_level is 'replica' at localhost:" + pg.server().port())
                .hasMessageContaining("ALTER SYSTEM SET wal_level = logical")
                .hasMessageContaining("restart");
        assertThat(capture.state()).isEqualTo(CaptureState.FAILED);
        assertThat(capture.completion()).isCompletedExceptionally();
    }

    @Test
    void unreachablePortNamesTheAddressAndTheFields() throws Exception {
        try (ClosedPort closed = new ClosedPort()) {
            int port = closed.port();
            CaptureConfig config = config(new PostgresEndpoint("localhost", port, "postgres", "postgres", "x"),
                    "unreachable");
            assertThatThrownBy(() -> check(config))
                    .isInstanceOfSatisfying(PreflightException.class, e -> assertThat(e.problem())
                            .isEqualTo(PreflightException.Problem.UNREACHABLE))
                    .hasMessageStartingWith("cannot connect to PostgreSQL at localhost:" + port + ": ")
                    .hasMessageEndingWith("— check spec.source.postgres.host/port and network policy");
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailure() throws Exception {
        requirePasswordFor("pwuser");
        PG.execute("postgres", "DO $$ BEGIN CREATE ROLE pwuser LOGIN REPLICATION PASSWORD 'right'; "
                + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        CaptureConfig config = config(new PostgresEndpoint(PG.server().host(), PG.server().port(), "postgres",
                "pwuser", "s3cr3t-guess"), "badpw");
        assertThatThrownBy(() -> check(config))
                .isInstanceOfSatisfying(PreflightException.class, e -> assertThat(e.problem())
                        .isEqualTo(PreflightException.Problem.AUTHENTICATION))
                .hasMessageContaining("authentication failed for user 'pwuser' at localhost:" + PG.server().port())
                .hasMessageContaining("check the user name and password (spec.source.postgres.username/password")
                .message().doesNotContain("s3cr3t");
        assertThat(config.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void missingDatabaseIsNamed() {
        CaptureConfig config = config(new PostgresEndpoint(PG.server().host(), PG.server().port(), "no_such_db",
                PostgresServer.USER, PostgresServer.PASSWORD), "nodb");
        assertThatThrownBy(() -> check(config))
                .isInstanceOfSatisfying(PreflightException.class, e -> assertThat(e.problem())
                        .isEqualTo(PreflightException.Problem.DATABASE_MISSING))
                .hasMessageContaining("database 'no_such_db' does not exist");
    }

    @Test
    void userWithoutReplicationIsToldToGrantIt() {
        String db = PG.createDatabase("norepl");
        PG.execute(db, "DO $$ BEGIN CREATE ROLE norepl LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        CaptureConfig config = config(new PostgresEndpoint(PG.server().host(), PG.server().port(), db, "norepl", null),
                "norepl");
        assertThatThrownBy(() -> check(config))
                .isInstanceOfSatisfying(PreflightException.class, e -> assertThat(e.problem())
                        .isEqualTo(PreflightException.Problem.REPLICATION_PRIVILEGE))
                .hasMessageContaining("user 'norepl' may not use logical replication")
                .hasMessageContaining("ALTER ROLE \"norepl\" WITH REPLICATION;");
    }

    @Test
    void replicationUserWhoDoesNotOwnTheTablesCannotCreateTheFilteredPublication() {
        String db = PG.createDatabase("notowner");
        PG.execute(db, "DO $$ BEGIN CREATE ROLE repl_only LOGIN REPLICATION; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
                "GRANT CREATE ON DATABASE " + db + " TO repl_only",
                "CREATE TABLE public.orders (id int PRIMARY KEY)");
        CaptureConfig config = config(new PostgresEndpoint(PG.server().host(), PG.server().port(), db, "repl_only", null),
                "notowner");
        assertThatThrownBy(() -> check(config))
                .isInstanceOfSatisfying(PreflightException.class, e -> assertThat(e.problem())
                        .isEqualTo(PreflightException.Problem.PUBLICATION_PRIVILEGE))
                .hasMessageContaining("creating publication 'test_notowner' FOR TABLE needs ownership of every captured table")
                .hasMessageContaining("does not own public.orders");

        CaptureConfig allTables = CaptureConfig.builder(config.stream(), config.source())
                .debeziumProperty("publication.autocreate.mode", "all_tables").build();
        assertThatThrownBy(() -> check(allTables))
                .isInstanceOfSatisfying(PreflightException.class, e -> assertThat(e.problem())
                        .isEqualTo(PreflightException.Problem.PUBLICATION_PRIVILEGE))
                .hasMessageContaining("FOR ALL TABLES needs a superuser");
    }

    @Test
    void aStreamWhoseFiltersMatchNoTableIsToldSoBeforeAnEmptyPublication() {
        String db = PG.createDatabase("notables");
        PG.execute(db, "CREATE TABLE public.other (id int PRIMARY KEY)");
        CaptureConfig config = CaptureConfig.builder(new StreamId("test", "notables"), new PostgresEndpoint(
                        PG.server().host(), PG.server().port(), db, PostgresServer.USER, PostgresServer.PASSWORD))
                .tableIncludeList("public\\.orders").build();
        assertThatThrownBy(() -> check(config))
                .isInstanceOfSatisfying(PreflightException.class, e -> assertThat(e.problem())
                        .isEqualTo(PreflightException.Problem.NOTHING_TO_CAPTURE))
                .hasMessageContaining("no table of database '" + db + "'")
                .hasMessageContaining("fix spec.source.postgres.includes/excludes");
    }

    @Test
    void slotHeldByARunningCaptureIsInUse() throws Exception {
        String db = PG.createDatabase("slotbusy");
        PG.execute(db, "CREATE TABLE t (id int PRIMARY KEY)");
        PostgresEndpoint source = new PostgresEndpoint(PG.server().host(), PG.server().port(), db, PostgresServer.USER,
                PostgresServer.PASSWORD);
        CaptureConfig first = CaptureConfig.builder(new StreamId("test", "slotbusy"), source)
                .slotInUseWait(Duration.ofMillis(500)).build();
        try (CaptureService running = new CaptureService(first, NO_SINK, new SimpleMeterRegistry())) {
            running.start();
            // the slot is also active for a moment while it is created, before the snapshot: wait for streaming
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> running.status().snapshotCompleted() && slotActive(db, "test_slotbusy"));
            assertThatThrownBy(() -> check(first))
                    .isInstanceOfSatisfying(PreflightException.class, e -> assertThat(e.problem())
                            .isEqualTo(PreflightException.Problem.SLOT_IN_USE))
                    .hasMessageContaining("replication slot 'test_slotbusy' at localhost:" + PG.server().port()
                            + " is in use by another process (pid ")
                    .hasMessageContaining("SELECT pg_terminate_backend(");
        }
    }

    @Test
    void noFreeReplicationSlotIsReported() throws Exception {
        try (PostgresServer server = PostgresServer.startLogical()) {
            int max;
            try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SHOW max_replication_slots")) {
                    rs.next();
                    max = rs.getInt(1);
                }
                s.execute("CREATE TABLE t (id int PRIMARY KEY)");
                for (int i = 0; i < max; i++) {
                    s.execute("SELECT pg_create_physical_replication_slot('filler_" + i + "')");
                }
            }
            CaptureConfig config = config(new PostgresEndpoint(server.host(), server.port(), "postgres",
                    PostgresServer.USER, PostgresServer.PASSWORD), "noslots");
            assertThatThrownBy(() -> check(config))
                    .isInstanceOfSatisfying(PreflightException.class, e -> assertThat(e.problem())
                            .isEqualTo(PreflightException.Problem.SLOTS_EXHAUSTED))
                    .hasMessageContaining("replication slot 'test_noslots' cannot be created")
                    .hasMessageContaining("all " + max + " slots are used (max_replication_slots = " + max + ")");
        }
    }

    private static CaptureConfig config(PostgresEndpoint source, String name) {
        return CaptureConfig.builder(new StreamId("test", name), source).slotInUseWait(Duration.ofMillis(500)).build();
    }

    private static void check(CaptureConfig config) {
        Map<String, String> properties = new HashMap<>();
        DebeziumConfig.properties(config).forEach((k, v) -> properties.put(k.toString(), v.toString()));
        new Preflight(config, properties).check();
    }

    private static boolean slotActive(String db, String slot) throws Exception {
        try (Connection c = PG.server().connect(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /**
     * The embedded server trusts every local connection; a first pg_hba.conf line makes {@code user} prove a
     * password, so a wrong one fails as it would anywhere else. Other users keep trust.
     */
    private static void requirePasswordFor(String user) throws Exception {
        try (Connection c = PG.server().connect("postgres"); Statement s = c.createStatement()) {
            String hba;
            try (ResultSet rs = s.executeQuery("SHOW hba_file")) {
                rs.next();
                hba = rs.getString(1);
            }
            Path file = Path.of(hba);
            String content = Files.readString(file);
            String rules = "host all " + user + " 127.0.0.1/32 scram-sha-256\nhost all " + user + " ::1/128 scram-sha-256\n";
            if (!content.startsWith(rules)) {
                Files.writeString(file, rules + content);
                s.execute("SELECT pg_reload_conf()");
            }
        }
    }
}
