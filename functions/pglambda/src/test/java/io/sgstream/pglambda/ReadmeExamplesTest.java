package io.sgstream.pglambda;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.sql.Expression;
import io.cloudevents.sql.Parser;
import io.sgstream.event.Column;
import io.sgstream.event.EventCodec;
import io.sgstream.event.Op;
import io.sgstream.event.Position;
import io.sgstream.event.RowChange;
import io.sgstream.pglambda.http.HttpAnswer;
import io.sgstream.pglambda.http.PgLambdaHttp;
import io.sgstream.pglambda.js.Console;
import io.sgstream.pglambda.js.Scripts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's examples work: its scripts run, its curl request is a valid event, its CESQL filters select what they say. */
class ReadmeExamplesTest {

    static String readme;
    static List<String> scripts = new ArrayList<>();

    @BeforeAll
    static void read() throws IOException {
        readme = Files.readString(Path.of(System.getProperty("pglambda.template.dir", "template-java")).resolveSibling("README.md"));
        Matcher js = Pattern.compile("```js\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (js.find()) {
            scripts.add(js.group(1));
        }
        assertThat(scripts).hasSize(2);
    }

    /** The event of the README's curl command, read as the service reads it. */
    private static HttpAnswer postCurlExample(PgLambda lambda) {
        Matcher curl = Pattern.compile("curl -i http://localhost:8080/ \\\\\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme);
        assertThat(curl.find()).as("curl example").isTrue();
        Map<String, String> headers = new LinkedHashMap<>();
        Matcher header = Pattern.compile("-H '([^:']+): ([^']*)'").matcher(curl.group(1));
        while (header.find()) {
            headers.put(header.group(1), header.group(2));
        }
        Matcher body = Pattern.compile("-d '([^']*)'").matcher(curl.group(1));
        assertThat(body.find()).isTrue();
        return new PgLambdaHttp(lambda).handle("POST", "/", headers, body.group(1).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theStackGresStyleScriptAcknowledgesTheCurlExample() {
        Console console = new Console();
        try (PgLambda lambda = Scripts.lambda(scripts.get(0), console)) {
            HttpAnswer answer = postCurlExample(lambda);

            assertThat(answer.status()).as(new String(answer.body())).isEqualTo(200);
            assertThat(answer.body()).isEmpty();
            assertThat(console.out()).singleElement().asString().contains("\"amount\":\"12.50\"");
        }
    }

    @Test
    void theSummaryScriptRepliesToTheCurlExampleAndDropsOtherTables() {
        try (PgLambda lambda = Scripts.lambda(scripts.get(1))) {
            HttpAnswer answer = postCurlExample(lambda);
            CloudEvent customers = EventCodec.toCloudEvent(new RowChange(TestEvents.STREAM, TestEvents.EPOCH, new Position(2, 1),
                    Op.CREATE, "public", "customers", List.of(new Column("id", "integer", true)), TestEvents.key(8), null,
                    TestEvents.key(8), List.of(), null, null, null));

            assertThat(answer.status()).as(new String(answer.body())).isEqualTo(200);
            assertThat(answer.headers()).containsEntry("ce-type", "com.example.order.changed").containsEntry("ce-region", "eu");
            assertThat(new String(answer.body())).isEqualTo("{\"order\":7,\"op\":\"c\",\"cents\":1250}");
            assertThat(lambda.handle(TestEvents.delete(3, 1, 8)).kind()).isEqualTo(Outcome.Kind.REPLIED);
            assertThat(lambda.handle(customers).kind()).isEqualTo(Outcome.Kind.DROPPED);
            assertThat(lambda.handle(TestEvents.transactionEnd(3, 1)).kind()).isEqualTo(Outcome.Kind.DROPPED);
        }
    }

    @Test
    void theCesqlFiltersSelectWhatTheySay() {
        CloudEvent insert = TestEvents.insert(1, 1, 7, "ann", "1");
        CloudEvent delete = TestEvents.delete(2, 1, 7);
        CloudEvent snapshotRead = CloudEventBuilder.from(insert).withExtension("op", "r").withExtension("snapshot", "true").build();
        CloudEvent orderLines = CloudEventBuilder.from(insert).withExtension("table", "order_lines").build();
        CloudEvent audit = CloudEventBuilder.from(delete).withExtension("table", "audit_log").build();
        CloudEvent end = TestEvents.transactionEnd(2, 1);
        CloudEvent reply;
        try (PgLambda lambda = Scripts.lambda(scripts.get(1))) {
            reply = lambda.handle(insert).reply();
        }
        Map<String, List<CloudEvent>> expected = Map.of(
                "op IN ('c', 'u') AND snapshot = 'false'", List.of(insert, orderLines),
                "type = 'io.sgstream.change' AND schema = 'public' AND table IN ('orders', 'order_lines')",
                List.of(insert, delete, snapshotRead, orderLines),
                "type = 'io.sgstream.change' AND op = 'd' AND source = '/sgstream/shop/orders-stream'", List.of(delete, audit),
                "type = 'io.sgstream.change' AND table LIKE 'audit_%' AND NOT (op = 'r')", List.of(audit),
                "type = 'com.example.order.changed' AND region = 'eu'", List.of(reply));
        List<CloudEvent> all = List.of(insert, delete, snapshotRead, orderLines, audit, end, reply);

        Matcher cesql = Pattern.compile("- cesql: \"([^\"]+)\"").matcher(readme);
        List<String> inReadme = new ArrayList<>();
        while (cesql.find()) {
            inReadme.add(cesql.group(1));
        }
        assertThat(inReadme).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((filter, matching) -> {
            Expression expression = Parser.parseDefault(filter);
            for (CloudEvent event : all) {
                // as Knative's CESQL filter: an evaluation error (e.g. a missing attribute) is no match
                io.cloudevents.sql.Result result = expression.evaluate(event);
                boolean matches = !result.isFailed() && Boolean.TRUE.equals(result.value());
                assertThat(matches).as(filter + " on " + event.getType() + " " + event.getExtension("table") + " "
                        + event.getExtension("op")).isEqualTo(matching.contains(event));
            }
        });
    }
}
