package io.sgstream.local;

import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code --http} the capture posts to the broker as it does to K_SINK: a table named outside ASCII travels
 * percent-encoded in the {@code ce-table} header and a Trigger's CESQL filter on it still matches every row.
 */
class NonAsciiOverHttpTest {

    @RegisterExtension
    static final PostgresExtension PG = PostgresExtension.shared();

    @Test
    void cesqlOnANonAsciiTableNameMatchesThroughTheHttpIngress() throws Exception {
        String source = PG.createDatabase("nonascii");
        PG.execute(source, "CREATE TABLE \"crème brûlée\" (id int PRIMARY KEY, note text)",
                "INSERT INTO \"crème brûlée\" SELECT i, 'dessert ' || i FROM generate_series(1, 75) i",
                "CREATE TABLE plain (id int PRIMARY KEY)", "INSERT INTO plain SELECT generate_series(1, 5)");
        String target = PG.createDatabase("nonasciitarget");
        Path triggers = Files.createDirectories(Path.of("target", "non-ascii")).resolve("triggers.yaml");
        Files.writeString(triggers, Files.readString(Path.of("../knative/local/local-demo-triggers.yaml")) + """
                ---
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: desserts
                  namespace: default
                spec:
                  broker: sgstream
                  filters:
                    - cesql: "type = 'io.sgstream.change' AND table = 'crème brûlée'"
                  subscriber:
                    ref: {apiVersion: v1, kind: Service, name: desserts}
                """);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = new LocalRunner(RunnerOptions.parse("--stream", "../knative/examples/local-demo.yaml",
                "--triggers", triggers.toString(), "--http", "--port", "0", "--duration", "PT0S",
                "--source-url", PG.jdbcUrl(source), "--target-url", PG.jdbcUrl(target),
                "--user", PostgresServer.USER, "--password", PostgresServer.PASSWORD),
                new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isZero();
        assertThat(printed).contains("desserts (event display) received 75 events", "source = target: 2 tables, 80 rows identical");
    }
}
