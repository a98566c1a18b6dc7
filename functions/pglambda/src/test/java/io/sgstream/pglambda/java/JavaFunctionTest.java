package io.sgstream.pglambda.java;

import io.cloudevents.CloudEvent;
import io.sgstream.event.Op;
import io.sgstream.event.RowChange;
import io.sgstream.pglambda.Outcome;
import io.sgstream.pglambda.PgLambda;
import io.sgstream.pglambda.PgLambdaOptions;
import io.sgstream.pglambda.Reply;
import io.sgstream.pglambda.TestEvents;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** In-process Java functions (what the local runner can run without HTTP). */
class JavaFunctionTest {

    @Test
    void receivesTypedChangesAndRepliesThroughTheSameRules() {
        List<RowChange> seen = new ArrayList<>();
        try (PgLambda lambda = PgLambda.java((change, event) -> {
            seen.add(change);
            return Reply.of("com.example.order.changed", change.key()).withExtension("region", "eu");
        }, PgLambdaOptions.defaults())) {
            CloudEvent event = TestEvents.update(3, 1, 7, "ann", "1.00", "2.00");
            Outcome outcome = lambda.handle(event);

            assertThat(seen).hasSize(1);
            assertThat(seen.get(0).op()).isEqualTo(Op.UPDATE);
            assertThat(seen.get(0).after().path("amount").asText()).isEqualTo("2.00");
            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.REPLIED);
            assertThat(outcome.reply().getSource().toString()).isEqualTo("/sgstream/shop/orders-stream/pglambda");
            assertThat(outcome.reply().getExtension("region")).isEqualTo("eu");
        }
    }

    @Test
    void transactionEndsAreAcknowledgedWithoutCallingIt() {
        List<RowChange> seen = new ArrayList<>();
        try (PgLambda lambda = PgLambda.java((change, event) -> {
            seen.add(change);
            return null;
        }, PgLambdaOptions.defaults())) {
            assertThat(lambda.handle(TestEvents.transactionEnd(3, 1)).status()).isEqualTo(204);
            assertThat(seen).isEmpty();
        }
    }

    @Test
    void anExceptionFailsTheEventAndAReservedReplyTypeToo() {
        try (PgLambda throwing = PgLambda.java((change, event) -> {
            throw new IllegalArgumentException("no customer");
        }, PgLambdaOptions.defaults());
             PgLambda looping = PgLambda.java((change, event) -> Reply.of("io.sgstream.change", null), PgLambdaOptions.defaults())) {
            Outcome thrown = throwing.handle(TestEvents.insert(1, 1, 7, "ann", "1"));
            Outcome loop = looping.handle(TestEvents.insert(1, 1, 7, "ann", "1"));

            assertThat(thrown.status()).isEqualTo(500);
            assertThat(thrown.error()).contains("IllegalArgumentException: no customer");
            assertThat(loop.status()).isEqualTo(500);
            assertThat(loop.error()).contains("must not start with 'io.sgstream.'");
        }
    }
}
