package io.sgstream.local;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command, small: demo stream between two embedded servers, OLTP load, verification. */
class LocalRunnerTest {

    // tests run in the module directory
    static final String[] STREAM = {"--stream", "../knative/examples/local-demo.yaml",
            "--triggers", "../knative/local/local-demo-triggers.yaml"};

    @Test
    void demoStreamEndsWithAVerifiedIdenticalTarget() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int code = new LocalRunner(RunnerOptions.parse(concat(STREAM, "--accounts", "500", "--duration", "PT8S", "--clients", "3",
                "--port", "0", "--tombstone")), out).run();
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Caught up", "Stream completed", "replication slot and publication on the source: dropped",
                "source = target: 3 tables", "2 sequences equal");
        assertThat(code).as(printed).isZero();
    }

    @Test
    void pgLambdaStreamRunsTheScriptAndRoutesItsRepliesByCesql() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int code = new LocalRunner(RunnerOptions.parse("--stream", "../knative/examples/local-pglambda.yaml",
                "--triggers", "../knative/local/local-pglambda-triggers.yaml", "--accounts", "300", "--duration", "PT5S",
                "--clients", "2", "--port", "0"), out).run();
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("Caught up").containsPattern("replied ([1-9][0-9,]*) times, failed 0 times")
                .containsPattern("big-orders \\(event display\\) received [1-9]");
        String replies = printed.replaceAll("(?s).*replied ([0-9,]+) times.*", "$1");
        assertThat(printed).contains("big-orders (event display) received " + replies + " events");
        assertThat(code).as(printed).isZero();
    }

    static String[] concat(String[] first, String... rest) {
        String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
