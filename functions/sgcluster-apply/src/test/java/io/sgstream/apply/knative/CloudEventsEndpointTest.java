package io.sgstream.apply.knative;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sgstream.event.CloudEventsHttp;
import io.sgstream.event.Column;
import io.sgstream.event.EventCodec;
import io.sgstream.event.Op;
import io.sgstream.event.Position;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamId;
import io.sgstream.event.TransactionEnd;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Knative Service over real HTTP: the status codes and bodies the Broker's delivery rules depend on. */
@QuarkusTest
@WithTestResource(TargetDatabaseResource.class)
class CloudEventsEndpointTest {

    private static final StreamId STREAM = new StreamId("test", "http");
    private static final StreamId DOWN = new StreamId("test", "down");
    private static final String EPOCH = "00000001";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL root;

    @Test
    void storedEventsAreAnswered202WithAnEmptyBodyInBinaryAndStructuredMode() throws Exception {
        HttpResponse<String> binary = postBinary(snapshotRow(1, "one"));
        assertThat(binary.statusCode()).isEqualTo(202);
        assertThat(binary.body()).isEmpty();
        assertThat(binary.headers().firstValue("ce-id")).isEmpty();

        EventFormat json = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        HttpResponse<String> structured = post(Map.of("Content-Type", JsonFormat.CONTENT_TYPE),
                json.serialize(EventCodec.toCloudEvent(snapshotEnd(1))));
        assertThat(structured.statusCode()).isEqualTo(202);
        assertThat(structured.body()).isEmpty();

        HttpResponse<String> duplicate = postBinary(snapshotRow(1, "one"));
        assertThat(duplicate.statusCode()).isEqualTo(202);
        assertThat(duplicate.body()).isEmpty();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(targetRows()).containsExactly("(1,one)"));
        HttpResponse<String> status = HTTP.send(HttpRequest.newBuilder(root.toURI().resolve("/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"stream\":\"test/http\"").contains("\"snapshotCompleted\":true");
    }

    @Test
    void malformedEventsAreAnswered400WithTheReason() throws Exception {
        CloudEvent badJson = CloudEventBuilder.from(EventCodec.toCloudEvent(snapshotRow(9, "x")))
                .withData("application/json", "{oops".getBytes(StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = postBinary(badJson);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("data is not valid JSON");

        CloudEvent unknown = CloudEventBuilder.from(EventCodec.toCloudEvent(snapshotRow(9, "x"))).withType("com.example.other").build();
        response = postBinary(unknown);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("unknown type 'com.example.other'");

        response = post(Map.of("Content-Type", "application/json"), "{\"hello\": 1}".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not a CloudEvent");
    }

    @Test
    void anUnreachableTargetIsAnswered503SoTheBrokerRetriesAndReadinessFails() throws Exception {
        try (Connection admin = TargetDatabaseResource.server.connect("postgres"); Statement s = admin.createStatement()) {
            s.execute("ALTER DATABASE " + TargetDatabaseResource.database + " ALLOW_CONNECTIONS false");
            s.execute("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = '"
                    + TargetDatabaseResource.database + "'");
            try {
                // a stream this instance knows nothing of: the event must be stored, which needs the target
                HttpResponse<String> response = postBinary(snapshotRow(DOWN, 2, "two"));
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.body()).contains("target unavailable");
                assertThat(get("/health/readiness").statusCode()).isEqualTo(503);
            } finally {
                s.execute("ALTER DATABASE " + TargetDatabaseResource.database + " ALLOW_CONNECTIONS true");
            }
        }
        assertThat(postBinary(snapshotRow(DOWN, 2, "two")).statusCode()).isEqualTo(202); // the Broker's retry succeeds
        assertThat(get("/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAreExportedForPrometheus() throws Exception {
        postBinary(snapshotRow(3, "three"));
        HttpResponse<String> metrics = get("/q/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("sgstream_apply_events_total{outcome=\"applied\"}");
        assertThat(get("/health/liveness").statusCode()).isEqualTo(200);
    }

    private static RowChange snapshotRow(int id, String name) {
        return snapshotRow(STREAM, id, name);
    }

    private static RowChange snapshotRow(StreamId stream, int id, String name) {
        List<Column> columns = List.of(new Column("id", "integer", true), new Column("name", "text", false));
        return new RowChange(stream, EPOCH, new Position(0, id), Op.READ, "public", "things", columns,
                EventCodec.JSON.createObjectNode().put("id", id), null,
                EventCodec.JSON.createObjectNode().put("id", id).put("name", name), List.of(), null, null, null);
    }

    private static TransactionEnd snapshotEnd(long rows) {
        return new TransactionEnd(STREAM, EPOCH, 0, rows, null, null, null, Map.of("public.things", rows));
    }

    private HttpResponse<String> postBinary(Object event) throws Exception {
        CloudEvent ce = event instanceof CloudEvent c ? c : EventCodec.toCloudEvent((io.sgstream.event.StreamEvent) event);
        HttpRequest.Builder request = HttpRequest.newBuilder(root.toURI());
        List<byte[]> body = new ArrayList<>();
        CloudEventsHttp.writeBinary(ce, request::header, body::add);
        return HTTP.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body.get(0))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(root.toURI());
        headers.forEach(request::header);
        return HTTP.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(root.toString()).resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> targetRows() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = TargetDatabaseResource.server.connect(TargetDatabaseResource.database);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT t::text FROM things t WHERE id = 1")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
