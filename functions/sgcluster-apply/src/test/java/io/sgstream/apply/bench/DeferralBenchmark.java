package io.sgstream.apply.bench;

import io.cloudevents.CloudEvent;
import io.sgstream.apply.ApplyConfig;
import io.sgstream.apply.SgClusterApply;
import io.sgstream.apply.prepare.TargetPreparation;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresServer;

import java.util.List;

/**
 * Snapshot time into a target table with a primary key and two secondary indexes, with and without deferring
 * them ({@code skipDropIndexesAndConstraints}), restore included (not a test: run it by hand).
 *
 * <pre>
 * mvn -q -pl functions/sgcluster-apply test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.sgstream.apply.bench.DeferralBenchmark -Dexec.args="200000 2"
 * </pre>
 */
public final class DeferralBenchmark {

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int senders = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        try (PostgresServer pg = PostgresServer.startLogical()) {
            for (boolean defer : new boolean[]{false, true, false, true}) {
                String target = pg.createDatabase("defer_bench");
                pg.execute(target, "CREATE TABLE t (id integer PRIMARY KEY, name text, v integer, note text)",
                        "CREATE INDEX t_name ON t (name)", "CREATE INDEX t_v ON t (v, id)");
                TargetPreparation preparation = TargetPreparation.NONE.withDeferral(defer, true, true);
                ApplyConfig config = ApplyConfig.forTarget(pg.jdbcUrl(target), PostgresServer.USER, PostgresServer.PASSWORD)
                        .withPreparation(preparation);
                StreamId stream = new StreamId("bench", "defer");
                List<CloudEvent> snapshot = ApplyBenchmark.cloudEvents(ApplyBenchmark.snapshot(stream, rows));
                try (SgClusterApply apply = SgClusterApply.start(config)) {
                    long t0 = System.nanoTime();
                    ApplyBenchmark.deliverInChunks(apply, snapshot, senders);
                    ApplyBenchmark.awaitApplied(apply, stream, 0);
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("snapshot of %d rows, indexes %s: %.2f s = %.0f rows/s%n", rows,
                            defer ? "deferred and restored" : "kept", s, rows / s);
                }
            }
        }
        System.exit(0);
    }
}
