package io.sgstream.pglambda.js;

import io.cloudevents.CloudEvent;
import io.sgstream.pglambda.Outcome;
import io.sgstream.pglambda.PgLambda;
import io.sgstream.pglambda.TestEvents;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PgLambda scripts of the StackGres documentation (administration guide, "Creating streams" and "Stream
 * configuration") run unchanged. Their {@code response.end('OK')} body is not sent: a Broker would turn a 200 with a
 * body that is not a CloudEvent into a 502 and retry.
 */
class StackGresScriptsTest {

    /** "Stream configuration", PgLambda target. */
    static final String CONFIGURATION_EXAMPLE = """
            // event, request, response are available
            console.log(JSON.stringify(event.data));
            response.writeHead(200);
            response.end('OK');
            """;

    /** "Creating streams", stream with PgLambda. */
    static final String CREATING_STREAMS_EXAMPLE = """
            // Access the CloudEvent
            const data = event.data;

            // Log the change
            console.log('Received change:', JSON.stringify(data));

            // Process based on operation type
            if (data.op === 'c') {
              console.log('New record inserted:', data.after);
            } else if (data.op === 'u') {
              console.log('Record updated:', data.before, '->', data.after);
            } else if (data.op === 'd') {
              console.log('Record deleted:', data.before);
            }

            // Send response
            response.writeHead(200);
            response.end('OK');
            """;

    /** "Creating streams", script from a ConfigMap. */
    static final String CONFIG_MAP_EXAMPLE = """
            const data = event.data;
            // Your processing logic here
            response.writeHead(200);
            response.end('OK');
            """;

    /** The shortest form, as in the task description. */
    static final String MINIMAL_EXAMPLE = "console.log(JSON.stringify(event.data)); response.writeHead(200); response.end();";

    @Test
    void configurationExampleLogsTheDataAndAcknowledges() {
        Console console = new Console();
        CloudEvent event = TestEvents.insert(1, 1, 7, "ann", "12.50");
        try (PgLambda lambda = Scripts.lambda(CONFIGURATION_EXAMPLE, console)) {
            Outcome outcome = lambda.handle(event);

            assertThat(outcome.kind()).isEqualTo(Outcome.Kind.ACKNOWLEDGED);
            assertThat(outcome.status()).isEqualTo(200);
            assertThat(outcome.reply()).isNull();
            assertThat(outcome.body()).isEmpty();
            assertThat(console.out()).containsExactly(new String(event.getData().toBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void creatingStreamsExampleHandlesInsertUpdateAndDelete() {
        Console console = new Console();
        try (PgLambda lambda = Scripts.lambda(CREATING_STREAMS_EXAMPLE, console)) {
            assertThat(lambda.handle(TestEvents.insert(1, 1, 7, "ann", "12.50")).status()).isEqualTo(200);
            assertThat(lambda.handle(TestEvents.update(2, 1, 7, "ann", "12.50", "13.00")).status()).isEqualTo(200);
            assertThat(lambda.handle(TestEvents.delete(3, 1, 7)).status()).isEqualTo(200);

            assertThat(console.out()).hasSize(6);
            assertThat(console.out().get(0)).startsWith("Received change: {\"op\":\"c\"");
            assertThat(console.out().get(1)).startsWith("New record inserted:");
            assertThat(console.out().get(3)).startsWith("Record updated:").contains("->");
            assertThat(console.out().get(5)).startsWith("Record deleted:");
        }
    }

    @Test
    void configMapExampleAcknowledgesWithoutBody() {
        try (PgLambda lambda = Scripts.lambda(CONFIG_MAP_EXAMPLE)) {
            Outcome outcome = lambda.handle(TestEvents.insert(1, 1, 7, "ann", "12.50"));

            assertThat(outcome.status()).isEqualTo(200);
            assertThat(outcome.body()).isEmpty();
        }
    }

    @Test
    void minimalExampleRunsForEveryEventOfTheStream() {
        Console console = new Console();
        try (PgLambda lambda = Scripts.lambda(MINIMAL_EXAMPLE, console)) {
            assertThat(lambda.handle(TestEvents.insert(1, 1, 7, "ann", "12.50")).status()).isEqualTo(200);
            assertThat(lambda.handle(TestEvents.transactionEnd(1, 1)).status()).isEqualTo(200);

            assertThat(console.out()).hasSize(2);
            assertThat(console.out().get(1)).contains("\"events\":1");
        }
    }
}
