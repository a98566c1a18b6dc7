package io.sgstream.capture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.event.EventParts;
import io.sgstream.event.Op;
import io.sgstream.event.PgValues;
import io.sgstream.event.RowChange;
import io.sgstream.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Unchanged TOASTed columns are reported in {@code unchanged}, never as a placeholder value; rows of several
 * megabytes travel as parts and arrive whole and exact.
 */
class ToastAndLargeValuesTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    /** ~3.2 MB of text that does not compress, so PostgreSQL stores it out of line (TOAST). */
    private static final String BIG_TEXT = "(SELECT string_agg(md5(i::text || random()::text), '') FROM generate_series(1, 100000) i)";

    @Test
    void unchangedToastIsNamedAndLargeRowsArriveWhole() throws Exception {
        String db = PG.createDatabase("toast");
        PG.execute(db,
                "CREATE TABLE docs (id int PRIMARY KEY, big text, tags text[], doc jsonb, n int)",
                "CREATE TABLE docs_full (id int PRIMARY KEY, big text, n int)",
                "ALTER TABLE docs_full REPLICA IDENTITY FULL",
                "INSERT INTO docs VALUES (1, " + BIG_TEXT + ", (SELECT array_agg(md5(i::text)) FROM generate_series(1, 20000) i), "
                        + "(SELECT jsonb_object_agg(md5(i::text), i) FROM generate_series(1, 20000) i), 0)",
                "INSERT INTO docs_full VALUES (1, " + BIG_TEXT + ", 0)");
        try (RecordingEndpoint endpoint = new RecordingEndpoint();
             HttpEventSink sink = TestCaptures.sink(endpoint, 32);
             CaptureService capture = new CaptureService(TestCaptures.config(PG, db, "toast").build(), sink,
                     new SimpleMeterRegistry())) {
            capture.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(0) != null);
            assertThat(endpoint.deliveries()).anySatisfy(d -> assertThat(EventParts.isPart(d.event())).isTrue());
            assertThat(endpoint.deliveries()).allSatisfy(d -> assertThat(d.body().length).isLessThanOrEqualTo(64_000));

            PG.execute(db, "UPDATE docs SET n = n + 1 WHERE id = 1"); // tx 1: no TOASTed column touched
            PG.execute(db, "UPDATE docs SET big = big || 'x', n = n + 1 WHERE id = 1"); // tx 2: big rewritten
            PG.execute(db, "UPDATE docs_full SET n = n + 1 WHERE id = 1"); // tx 3: FULL identity has the old value
            await().atMost(Duration.ofSeconds(60)).until(() -> endpoint.transactionEnd(3) != null);

            List<RowChange> rows = endpoint.events().stream().filter(e -> e instanceof RowChange)
                    .map(e -> (RowChange) e).toList();
            assertThat(rows).hasSize(5);
            try (Connection c = PG.server().connect(db)) {
                RowChange snapshotDocs = rows.stream().filter(r -> r.op() == Op.READ && r.table().equals("docs"))
                        .findFirst().orElseThrow();
                assertThat(snapshotDocs.unchanged()).isEmpty();
                // the snapshot row was read before the updates: compare with what the updates started from
                assertThat(md5(PgValues.toText(snapshotDocs.after().get("big")) + "x"))
                        .isEqualTo(scalar(c, "SELECT md5(big) FROM docs WHERE id = 1"));
                assertThat(md5Cast(c, PgValues.toText(snapshotDocs.after().get("tags")), "text[]"))
                        .isEqualTo(scalar(c, "SELECT md5(tags::text) FROM docs WHERE id = 1"));
                assertThat(md5Cast(c, PgValues.toText(snapshotDocs.after().get("doc")), "jsonb"))
                        .isEqualTo(scalar(c, "SELECT md5(doc::text) FROM docs WHERE id = 1"));

                RowChange untouched = rows.get(2);
                assertThat(untouched.op()).isEqualTo(Op.UPDATE);
                assertThat(untouched.unchanged()).containsExactlyInAnyOrder("big", "tags", "doc");
                assertThat(untouched.after().has("big")).isFalse();
                assertThat(untouched.after().get("n").asInt()).isEqualTo(1);
                assertThat(untouched.after().toString()).doesNotContain("unchanged_toast");

                RowChange rewritten = rows.get(3);
                assertThat(rewritten.unchanged()).containsExactlyInAnyOrder("tags", "doc");
                assertThat(md5(PgValues.toText(rewritten.after().get("big"))))
                        .isEqualTo(scalar(c, "SELECT md5(big) FROM docs WHERE id = 1"));

                RowChange full = rows.get(4);
                assertThat(full.table()).isEqualTo("docs_full");
                assertThat(full.unchanged()).isEmpty();
                assertThat(md5(PgValues.toText(full.after().get("big"))))
                        .isEqualTo(scalar(c, "SELECT md5(big) FROM docs_full WHERE id = 1"));
                assertThat(full.before().get("n").asInt()).isZero();
            }
        }
    }

    private static String md5(String text) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(digest);
    }

    private static String md5Cast(Connection c, String text, String type) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT md5(CAST(CAST(? AS text) AS " + type + ")::text)")) {
            ps.setString(1, text);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String scalar(Connection c, String sql) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
