package io.sgstream.bench.verify;

import io.sgstream.bench.data.BenchSchema;
import io.sgstream.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check every benchmark run ends with must notice a changed and a missing row (small data: seconds). */
class VerificationTest {

    private static PostgresServer postgres;
    private String source;
    private String target;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.startLogical();
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    /** Two databases with the benchmark schema and the same 500 rows, loaded the same way. */
    @BeforeEach
    void load() throws Exception {
        source = postgres.createDatabase("verify_source");
        target = postgres.createDatabase("verify_target");
        for (String db : new String[] {source, target}) {
            try (Connection c = postgres.connect(db)) {
                BenchSchema.createSource(c);
                BenchSchema.load(c, 500);
            }
        }
    }

    @Test
    void identicalDatabasesPass() throws Exception {
        try (Connection s = postgres.connect(source); Connection t = postgres.connect(target)) {
            var report = Verification.requireIdentical("bulk/ours", s, t);
            assertThat(report.rows()).isEqualTo(BenchSchema.totalRows(500));
        }
    }

    @Test
    void aChangedRowFails() throws Exception {
        // one TOASTed body differs by one character: same count, different checksum
        postgres.execute(target, "UPDATE bench_docs SET body = body || 'x' WHERE id = 3");
        try (Connection s = postgres.connect(source); Connection t = postgres.connect(target)) {
            assertThatThrownBy(() -> Verification.requireIdentical("bulk/ours", s, t))
                    .isInstanceOf(Verification.VerificationFailed.class)
                    .hasMessageContaining("public.bench_docs").hasMessageContaining("different contents");
        }
    }

    @Test
    void aMissingRowFails() throws Exception {
        postgres.execute(target, "DELETE FROM bench_items WHERE id = 7");
        try (Connection s = postgres.connect(source); Connection t = postgres.connect(target)) {
            assertThatThrownBy(() -> Verification.requireIdentical("oltp/native", s, t))
                    .isInstanceOf(Verification.VerificationFailed.class)
                    .hasMessageContaining("public.bench_items").hasMessageContaining("rows: source 250, target 249");
        }
    }
}
