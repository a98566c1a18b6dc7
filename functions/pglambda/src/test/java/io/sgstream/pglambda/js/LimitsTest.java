package io.sgstream.pglambda.js;

import io.sgstream.pglambda.FunctionFailure;
import io.sgstream.pglambda.Outcome;
import io.sgstream.pglambda.PgLambda;
import io.sgstream.pglambda.PgLambdaOptions;
import io.sgstream.pglambda.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runaway scripts are stopped (5xx, so the Broker retries and eventually dead-letters) and the function keeps
 * handling later events. The script misbehaves only for deletes, so the same function shows both sides.
 */
class LimitsTest {

    private static PgLambda lambda(String onDelete, JsOptions options) {
        String script = "if (change.op === 'd') {\n" + onDelete + "\n}\nreply('test.ok', change.key.id);";
        return PgLambda.javascript(script, options, PgLambdaOptions.defaults());
    }

    private static JsOptions options() {
        return Scripts.options(new Console()).withContexts(1);
    }

    /**
     * Short enough to keep the test quick, long enough that the events which do finish (each the first in a fresh
     * context after a stopped one) finish within it on a loaded CI machine.
     */
    private static final Duration TIME_LIMIT = Duration.ofSeconds(2);

    private static void assertLaterEventsRun(PgLambda lambda) {
        for (int i = 0; i < 3; i++) {
            Outcome next = lambda.handle(TestEvents.insert(10 + i, 1, 100 + i, "bob", "1"));
            assertThat(next.kind()).as(next.error()).isEqualTo(Outcome.Kind.REPLIED);
        }
    }

    @Test
    void anEndlessLoopIsStoppedByTheTimeLimit() {
        try (PgLambda lambda = lambda("while (true) {}", options().withTimeout(TIME_LIMIT))) {
            Outcome stopped = lambda.handle(TestEvents.delete(1, 1, 7));

            assertThat(stopped.kind()).isEqualTo(Outcome.Kind.TIMED_OUT);
            assertThat(stopped.status()).isEqualTo(500);
            assertThat(stopped.error()).isEqualTo("script ran longer than its time limit of 2000 ms and was stopped");
            assertThat(lambda.metrics().timeouts()).isEqualTo(1);
            assertThat(lambda.metrics().errors(FunctionFailure.Reason.TIMEOUT)).isEqualTo(1);
            assertLaterEventsRun(lambda);

            assertThat(lambda.handle(TestEvents.delete(2, 1, 8)).kind()).as("stopped again").isEqualTo(Outcome.Kind.TIMED_OUT);
            assertThat(lambda.metrics().timeouts()).isEqualTo(2);
            assertLaterEventsRun(lambda);
        }
    }

    @Test
    void anEndlessLoopInACallbackIsStoppedToo() {
        try (PgLambda lambda = lambda("Promise.resolve().then(() => { for (;;) {} });",
                options().withTimeout(TIME_LIMIT))) {
            assertThat(lambda.handle(TestEvents.delete(1, 1, 7)).kind()).isEqualTo(Outcome.Kind.TIMED_OUT);
            assertLaterEventsRun(lambda);
        }
    }

    @Test
    void allocatingWithoutBoundIsStoppedByTheMemoryBudget() {
        JsOptions options = options().withMaxAllocatedBytes(64L * 1024 * 1024).withTimeout(Duration.ofSeconds(60));
        try (PgLambda lambda = lambda("const hoard = []; while (true) { hoard.push('x'.repeat(1024) + hoard.length); }", options)) {
            Outcome stopped = lambda.handle(TestEvents.delete(1, 1, 7));

            assertThat(stopped.kind()).isEqualTo(Outcome.Kind.FAILED);
            assertThat(stopped.error()).isEqualTo("script allocated more than its memory budget of 67108864 bytes for one event and was stopped");
            assertThat(lambda.metrics().errors(FunctionFailure.Reason.LIMIT)).isEqualTo(1);
            assertLaterEventsRun(lambda);
        }
    }

    @Test
    void theStatementLimitStopsALoopDeterministically() {
        JsOptions options = options().withMaxStatements(100_000).withTimeout(Duration.ofSeconds(60));
        try (PgLambda lambda = lambda("let i = 0; while (true) { i++; }", options)) {
            Outcome stopped = lambda.handle(TestEvents.delete(1, 1, 7));

            assertThat(stopped.kind()).isEqualTo(Outcome.Kind.FAILED);
            assertThat(stopped.error()).contains("more than its limit of 100000 statements");
            assertThat(lambda.metrics().errors(FunctionFailure.Reason.LIMIT)).isEqualTo(1);
            assertLaterEventsRun(lambda); // each event has its own budget: far more than 100000 statements in total
        }
    }

    @Test
    void endlessRecursionIsARangeErrorAndTheContextStaysUsable() {
        try (PgLambda lambda = lambda("const down = n => down(n + 1) + 1; down(0);", options())) {
            Outcome failed = lambda.handle(TestEvents.delete(1, 1, 7));

            assertThat(failed.kind()).isEqualTo(Outcome.Kind.FAILED);
            assertThat(failed.error()).startsWith("RangeError: Maximum call stack size exceeded");
            assertLaterEventsRun(lambda);
        }
    }

    @Test
    void thisJvmEnforcesTheMemoryBudget() {
        try (JsFunction function = JsFunction.compile("response.end();", options())) {
            assertThat(function.enforcesMemoryBudget()).isTrue();
        }
    }
}
