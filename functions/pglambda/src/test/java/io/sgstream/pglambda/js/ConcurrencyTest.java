package io.sgstream.pglambda.js;

import io.sgstream.pglambda.Outcome;
import io.sgstream.pglambda.PgLambda;
import io.sgstream.pglambda.PgLambdaOptions;
import io.sgstream.pglambda.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Many callers share a few contexts; a script stopped in one context does not disturb the others. */
class ConcurrencyTest {

    @Test
    void concurrentEventsEachGetTheirOwnAnswer() throws Exception {
        JsOptions options = Scripts.options(new Console()).withContexts(2);
        try (PgLambda lambda = PgLambda.javascript("const id = change.key.id; reply('test.id', {id, seq: event.seq});",
                options, PgLambdaOptions.defaults())) {
            ExecutorService callers = Executors.newFixedThreadPool(6);
            try {
                List<Future<Outcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    int id = i;
                    outcomes.add(callers.submit(() -> lambda.handle(TestEvents.insert(1 + id, 1, id, "c" + id, "1"))));
                }
                for (int i = 0; i < outcomes.size(); i++) {
                    Outcome outcome = outcomes.get(i).get();
                    assertThat(outcome.kind()).as(outcome.error()).isEqualTo(Outcome.Kind.REPLIED);
                    assertThat(new String(outcome.reply().getData().toBytes())).isEqualTo("{\"id\":" + i + ",\"seq\":\"1\"}");
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void aScriptStoppedInOneContextLeavesTheOthersRunning() throws Exception {
        // the others' events must each finish within the limit too, the first in a fresh context, on a loaded machine
        JsOptions options = Scripts.options(new Console()).withContexts(2).withTimeout(Duration.ofSeconds(3));
        try (PgLambda lambda = PgLambda.javascript("if (change.op === 'd') { for (;;) {} } reply('test.ok', change.key.id);",
                options, PgLambdaOptions.defaults())) {
            ExecutorService callers = Executors.newFixedThreadPool(2);
            try {
                Future<Outcome> looping = callers.submit(() -> lambda.handle(TestEvents.delete(1, 1, 7)));
                Future<List<Outcome>> others = callers.submit(() -> {
                    List<Outcome> done = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        done.add(lambda.handle(TestEvents.insert(2 + i, 1, 100 + i, "bob", "1")));
                    }
                    return done;
                });

                assertThat(looping.get().kind()).isEqualTo(Outcome.Kind.TIMED_OUT);
                assertThat(others.get()).extracting(Outcome::kind).containsOnly(Outcome.Kind.REPLIED);
            } finally {
                callers.shutdownNow();
            }
        }
    }
}
