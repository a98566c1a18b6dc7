package io.sgstream.apply;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.apply.prepare.TargetPreparation;
import io.sgstream.apply.testing.ApplyWaits;
import io.sgstream.apply.testing.CatalogDescription;
import io.sgstream.apply.testing.Deliveries;
import io.sgstream.apply.testing.SourceRecorder;
import io.sgstream.apply.testing.TableChecksums;
import io.sgstream.event.StreamEvent;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Target preparation as {@code spec.target.sgCluster} asks for it: the source's DDL imported over JDBC (roles,
 * schemas, types, sequences, tables, constraints, indexes, owners, grants), once; indexes and constraints
 * dropped for the snapshot and restored exactly, across a new applier instance and a killed restore.
 */
class TargetPreparationTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    /** Roles are per server: the target of the role import must be another server. */
    @RegisterExtension
    static final PostgresExtension OTHER = PostgresExtension.dedicated();

    private static final String SHOP_SCHEMA = String.join(";\n",
            "CREATE SCHEMA shop AUTHORIZATION app_owner",
            "CREATE TYPE shop.mood AS ENUM ('sad', 'ok', 'happy')",
            "CREATE TYPE shop.pair AS (a int, b text COLLATE \"C\")",
            "CREATE DOMAIN shop.posint AS integer DEFAULT 1 NOT NULL CONSTRAINT positive CHECK (VALUE > 0)",
            "CREATE DOMAIN shop.pairs AS shop.pair[]",
            "CREATE TYPE shop.floatrange AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = float8mi)",
            "CREATE SEQUENCE shop.order_no AS integer START 1000 INCREMENT 5 CACHE 3",
            "CREATE TABLE shop.customers (id bigint GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 2) PRIMARY KEY,"
                    + " email text COLLATE \"C\" NOT NULL UNIQUE, mood shop.mood DEFAULT 'ok', tags varchar(20)[],"
                    + " score numeric(10,3) CONSTRAINT score_positive CHECK (score >= 0), at timestamptz(3) DEFAULT now())",
            "ALTER TABLE shop.customers OWNER TO app_owner",
            "CREATE TABLE shop.orders (id serial PRIMARY KEY, no int DEFAULT nextval('shop.order_no'),"
                    + " customer bigint REFERENCES shop.customers (id) ON DELETE CASCADE DEFERRABLE,"
                    + " qty shop.posint, p shop.pair, ps shop.pairs, r shop.floatrange, during tstzrange,"
                    + " double_qty int GENERATED ALWAYS AS (qty * 2) STORED, secret text,"
                    + " CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&))",
            "CREATE INDEX orders_customer ON shop.orders (customer) WHERE customer IS NOT NULL",
            "CREATE UNIQUE INDEX orders_no_twice ON shop.orders ((no * 2)) INCLUDE (qty)",
            "CREATE TABLE shop.skipped (id int PRIMARY KEY)",
            "GRANT USAGE ON SCHEMA shop TO app_reader",
            "GRANT SELECT, UPDATE ON shop.customers TO app_reader");

    @Test
    void importsTheCapturedSchemaOnceAndKeepsWhatTheTargetAlreadyHas() throws Exception {
        String source = PG.createDatabase("ddl_src");
        String target = OTHER.createDatabase("ddl_dst");
        PG.execute(source,
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_owner') THEN"
                        + " CREATE ROLE app_owner LOGIN PASSWORD 'owner-secret' CONNECTION LIMIT 7;"
                        + " CREATE ROLE app_reader NOLOGIN; CREATE ROLE ops_admin SUPERUSER;"
                        + " CREATE ROLE ops_skip NOLOGIN; GRANT app_reader TO app_owner; END IF; END $$");
        PG.execute(source, SHOP_SCHEMA);
        PG.execute(source, "INSERT INTO shop.customers (email, tags, score) VALUES ('a@x', '{t1,t2}', 1.5)",
                "INSERT INTO shop.orders (customer, qty, p, ps, r, during) VALUES (10, 3, '(1,x)', '{\"(2,y)\"}',"
                        + " '[1.5,2.5)', '[2026-01-01,2026-02-01)')");
        // Something the target already has is kept, not an error.
        OTHER.execute(target, "CREATE SCHEMA shop", "CREATE TYPE shop.mood AS ENUM ('sad', 'ok', 'happy')");

        StreamId stream = new StreamId("test", "ddl");
        List<StreamEvent> snapshot;
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            snapshot = src.snapshot("shop.customers", "shop.orders");
        }
        TargetPreparation preparation = TargetPreparation.stackGresDefaults(
                        new TargetPreparation.SourceDatabase(PG.jdbcUrl(source), PostgresServer.USER, PostgresServer.PASSWORD),
                        List.of("shop\\.(customers|orders)"), null)
                .withRoleSkipFilter("(postgres|ops_%)");
        ApplyConfig config = ApplyConfig.forTarget(OTHER.jdbcUrl(target), PostgresServer.USER, PostgresServer.PASSWORD)
                .withDrainInterval(Duration.ofMillis(100)).withPreparation(preparation);
        try (SgClusterApply apply = SgClusterApply.start(config)) {
            assertThat(apply.acceptAll(Deliveries.cloudEvents(snapshot, 64_000))).allMatch(AcceptResult::acknowledged);
            ApplyWaits.snapshotComplete(apply, stream);
        }

        assertThat(CatalogDescription.of(OTHER.server(), target, "'shop'"))
                .isEqualTo(CatalogDescription.of(PG.server(), source, "'shop'").stream()
                        .filter(l -> !l.contains("shop.skipped")).toList())
                .anySatisfy(l -> assertThat(l).startsWith("index CREATE UNIQUE INDEX orders_no_twice"))
                .anySatisfy(l -> assertThat(l).contains("no_overlap EXCLUDE USING gist"));
        assertThat(TableChecksums.of(OTHER.server(), target, "shop")).isEqualTo(TableChecksums.of(PG.server(), source, "shop")
                .entrySet().stream().filter(e -> !e.getKey().contains("skipped"))
                .collect(java.util.stream.Collectors.toMap(e -> e.getKey(), e -> e.getValue())));
        assertThat(query(OTHER.server(), target, "SELECT rolname || ' login=' || rolcanlogin || ' limit=' || rolconnlimit"
                + " || ' password=' || (rolpassword IS NOT NULL)"
                + " FROM pg_authid WHERE rolname LIKE 'app\\_%' OR rolname LIKE 'ops\\_%' ORDER BY 1"))
                .containsExactly("app_owner login=true limit=7 password=true", "app_reader login=false limit=-1 password=false");
        String passwordHash = "SELECT rolpassword FROM pg_authid WHERE rolname = 'app_owner'";
        assertThat(query(OTHER.server(), target, passwordHash)).isEqualTo(query(PG.server(), source, passwordHash));
        assertThat(query(OTHER.server(), target, "SELECT pg_has_role('app_owner', 'app_reader', 'MEMBER')::text,"
                + " has_table_privilege('app_reader', 'shop.customers', 'UPDATE')::text,"
                + " has_table_privilege('app_reader', 'shop.orders', 'SELECT')::text,"
                + " (SELECT relowner::regrole::text FROM pg_class WHERE oid = 'shop.customers'::regclass),"
                + " (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'shop')"))
                .containsExactly("true true false app_owner app_owner");
        // identity and serial sequences continue where the snapshot's values need them to
        assertThat(query(OTHER.server(), target, "SELECT pg_get_serial_sequence('shop.orders', 'id')"))
                .containsExactly("shop.orders_id_seq");
        String imported = query(OTHER.server(), target, "SELECT ddl_imported_at::text || ' ' || ddl_statements"
                + " FROM sgstream.target_preparation").get(0);

        // A second instance (another replica, a restart) finds it done and imports nothing again.
        OTHER.execute(target, "DROP TABLE shop.orders");
        try (SgClusterApply again = SgClusterApply.start(config.withPreparation(preparation.withDeferral(false, false, true)))) {
            assertThat(again.acceptAll(Deliveries.cloudEvents(snapshot.subList(0, 1), 64_000)))
                    .allMatch(r -> r.outcome() == AcceptResult.Outcome.STALE);
            again.applyPending(stream);
        }
        assertThat(query(OTHER.server(), target, "SELECT ddl_imported_at::text || ' ' || ddl_statements"
                + " FROM sgstream.target_preparation")).containsExactly(imported);
        assertThat(query(OTHER.server(), target, "SELECT (to_regclass('shop.orders') IS NULL)::text")).containsExactly("true");
    }

    @Test
    void indexesAndConstraintsAreDroppedForTheSnapshotAndRestoredExactlyDespiteARestartAndAKilledRestore() throws Exception {
        String source = PG.createDatabase("defer_src");
        String target = PG.createDatabase("defer_dst");
        PG.execute(source,
                "CREATE TABLE parent (id int PRIMARY KEY, code text NOT NULL, CONSTRAINT code_unique UNIQUE (code) WITH (fillfactor = 70) DEFERRABLE INITIALLY DEFERRED)",
                "CREATE TABLE child (id int, parent_id int REFERENCES parent (id), n int CHECK (n >= 0), note text,"
                        + " PRIMARY KEY (id) INCLUDE (n) WITH (fillfactor = 80))",
                "CREATE INDEX child_note ON child (lower(note)) WHERE note IS NOT NULL",
                "CREATE INDEX child_parent ON child USING hash (parent_id)",
                "INSERT INTO parent SELECT g, 'code' || g FROM generate_series(1, 200) g",
                "INSERT INTO child SELECT g, 1 + g % 200, g, 'note ' || g FROM generate_series(1, 600) g");
        StreamId stream = new StreamId("test", "defer");
        List<StreamEvent> snapshot;
        List<StreamEvent> streaming = new ArrayList<>();
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            snapshot = src.snapshot("public.parent", "public.child");
            for (int i = 1; i <= 20; i++) {
                int id = i;
                streaming.addAll(src.transaction(tx -> tx
                        .update("public.child", "id = " + id, "n = n + 1000")
                        .insert("public.parent", "INSERT INTO parent VALUES (" + (1000 + id) + ", 'new" + id + "')")
                        .delete("public.child", "id = " + (300 + id))));
            }
        }
        TargetPreparation preparation = TargetPreparation.stackGresDefaults(
                new TargetPreparation.SourceDatabase(PG.jdbcUrl(source), PostgresServer.USER, PostgresServer.PASSWORD),
                List.of("public\\.(parent|child)"), null);
        ApplyConfig config = io.sgstream.apply.testing.TestConfigs.target(PG, target).withPreparation(preparation);
        List<String> sourceDefinitions = CatalogDescription.indexesAndConstraints(PG.server(), source, "'public'");

        // First instance: the DDL is imported, indexes and constraints dropped, half of the snapshot written.
        try (SgClusterApply first = SgClusterApply.start(config.withApplyEnabled(true))) {
            assertThat(first.acceptAll(Deliveries.cloudEvents(snapshot.subList(0, 400), 64_000)))
                    .allMatch(r -> r.outcome() == AcceptResult.Outcome.APPLIED);
            assertThat(query(PG.server(), target, "SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
                    + " WHERE c.relname IN ('parent', 'child')")).containsExactly("0");
            assertThat(query(PG.server(), target, "SELECT count(*) FROM pg_constraint WHERE conrelid IN"
                    + " ('parent'::regclass, 'child'::regclass) AND contype <> 'n'")).containsExactly("0");
        }
        assertThat(query(PG.server(), target, "SELECT kind || ' ' || name FROM sgstream.deferred_definition"
                + " WHERE restored_at IS NULL ORDER BY ord")).containsExactly(
                "primary key child_pkey", "primary key parent_pkey", "constraint child_n_check",
                "constraint code_unique", "index child_note", "index child_parent", "foreign key child_parent_id_fkey");

        // Second instance: the rest, duplicates of what was written, the streamed transactions, all shuffled;
        // the transaction that completes the snapshot and restores is killed once before its commit.
        List<CloudEvent> rest = new ArrayList<>(Deliveries.cloudEvents(snapshot.subList(400, snapshot.size()), 64_000));
        rest.addAll(Deliveries.cloudEvents(snapshot.subList(0, 50), 64_000));
        rest.addAll(Deliveries.cloudEvents(streaming, 64_000));
        AtomicInteger kills = new AtomicInteger();
        ApplyHooks killFirstApply = new ApplyHooks() {
            @Override
            public void beforeApplyCommit(StreamId s, Connection c) throws SQLException {
                if (kills.getAndIncrement() == 0) {
                    terminate(c, target);
                }
            }
        };
        try (SgClusterApply second = SgClusterApply.start(config, new SimpleMeterRegistry(), killFirstApply)) {
            assertThat(Deliveries.deliver(second, Deliveries.shuffledWithDuplicates(rest, 0.2, 5), 3))
                    .allMatch(AcceptResult::acknowledged);
            long last = streaming.get(streaming.size() - 1).position().txSeq();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(second.position(stream))
                    .hasValueSatisfying(s -> assertThat(s.appliedTxSeq()).isEqualTo(last)));
        }
        assertThat(kills.get()).isGreaterThan(1);
        assertThat(CatalogDescription.indexesAndConstraints(PG.server(), target, "'public'")).isEqualTo(sourceDefinitions);
        assertThat(query(PG.server(), target, "SELECT count(*) FROM sgstream.deferred_definition WHERE restored_at IS NULL"))
                .containsExactly("0");
        assertThat(TableChecksums.of(PG.server(), target, "public")).isEqualTo(TableChecksums.of(PG.server(), source, "public"));
    }

    @Test
    void withSkipRestoreIndexesAfterSnapshotOnlyKeysComeBackWithTheSnapshotAndTheRestAtTheTombstone() throws Exception {
        String source = PG.createDatabase("tomb_src");
        String target = PG.createDatabase("tomb_dst");
        PG.execute(source, "CREATE TABLE a (id int PRIMARY KEY, code text UNIQUE, n int CHECK (n > 0))",
                "CREATE INDEX a_n ON a (n)", "CREATE SEQUENCE a_seq",
                "INSERT INTO a SELECT g, 'c' || g, g FROM generate_series(1, 50) g", "SELECT setval('a_seq', 77)");
        StreamId stream = new StreamId("test", "tomb");
        List<StreamEvent> events = new ArrayList<>();
        List<StreamEvent> tombstone;
        try (SourceRecorder src = new SourceRecorder(PG.server(), source, stream, "00000001")) {
            events.addAll(src.snapshot("public.a"));
            events.addAll(src.transaction(tx -> tx.update("public.a", "id = 1", "code = 'changed'")));
            com.fasterxml.jackson.databind.node.ObjectNode data = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            data.putArray("sequences").addObject().put("schema", "public").put("name", "a_seq").put("lastValue", 77)
                    .put("isCalled", true);
            tombstone = src.signal(io.sgstream.event.SignalEvent.TOMBSTONE, data);
        }
        TargetPreparation preparation = TargetPreparation.stackGresDefaults(
                        new TargetPreparation.SourceDatabase(PG.jdbcUrl(source), PostgresServer.USER, PostgresServer.PASSWORD),
                        null, null)
                .withDeferral(true, true, false);
        try (SgClusterApply apply = SgClusterApply.start(io.sgstream.apply.testing.TestConfigs.target(PG, target)
                .withPreparation(preparation))) {
            assertThat(apply.acceptAll(Deliveries.cloudEvents(events, 64_000))).allMatch(AcceptResult::acknowledged);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(apply.position(stream))
                    .hasValueSatisfying(st -> assertThat(st.appliedTxSeq()).isEqualTo(1)));
            // streamed by key: the key is back, the rest still waits
            assertThat(CatalogDescription.indexesAndConstraints(PG.server(), target, "'public'")).containsExactly(
                    "constraint public.a a_pkey PRIMARY KEY (id)", "index CREATE UNIQUE INDEX a_pkey ON public.a USING btree (id)");
            assertThat(TableChecksums.of(PG.server(), target, "public")).isEqualTo(TableChecksums.of(PG.server(), source, "public"));

            assertThat(apply.acceptAll(Deliveries.cloudEvents(tombstone, 64_000))).allMatch(AcceptResult::acknowledged);
            ApplyWaits.completed(apply, stream);
        }
        assertThat(CatalogDescription.of(PG.server(), target, "'public'")).isEqualTo(CatalogDescription.of(PG.server(), source, "'public'"));
        assertThat(query(PG.server(), target, "SELECT last_value || ' ' || is_called FROM a_seq")).containsExactly("77 true");
    }

    private static void terminate(Connection victim, String database) throws SQLException {
        int pid;
        try (Statement s = victim.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        try (Connection admin = PG.server().connect(database);
             PreparedStatement ps = admin.prepareStatement("SELECT pg_terminate_backend(?, 10000)")) {
            ps.setInt(1, pid);
            ps.execute();
        }
    }

    private static List<String> query(PostgresServer server, String database, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }
}
