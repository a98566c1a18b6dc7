package io.sgstream.pglambda.knative;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.sgstream.pglambda.TestEvents;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The Knative Service over real HTTP on loopback: what a Broker sends and what it gets back. */
@QuarkusTest
@TestProfile(SummaryScript.class)
class PgLambdaServiceTest {

    @TestHTTPResource("/")
    URI root;

    private Loopback http() {
        return new Loopback(root);
    }

    @Test
    void aChangeInBinaryModeGetsAReplyCloudEvent() throws Exception {
        CloudEvent event = TestEvents.insert(1, 1, 7, "ann", "12.50");

        HttpResponse<String> response = http().post(event);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ce-type")).hasValue("com.example.order.changed");
        assertThat(response.headers().firstValue("ce-source")).hasValue("/sgstream/shop/orders-stream/pglambda");
        assertThat(response.headers().firstValue("ce-id")).hasValue(event.getId());
        assertThat(response.headers().firstValue("ce-specversion")).hasValue("1.0");
        assertThat(response.headers().firstValue("ce-subject")).hasValue("public.orders");
        // the HTTP binding percent-encodes '"' in attribute headers; readers decode it
        assertThat(response.headers().firstValue("ce-partitionkey")).hasValue("public.orders:{%22id%22:7}");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"order\":7,\"op\":\"c\",\"customer\":\"ann\",\"amount\":\"12.50\",\"cents\":1250}");
    }

    @Test
    void aChangeInStructuredModeIsReadToo() throws Exception {
        CloudEvent event = TestEvents.update(2, 1, 8, "bob", "1.00", "2.00");
        byte[] json = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).serialize(event);

        HttpResponse<String> response = http().send(HttpRequest.newBuilder(root)
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Loopback.reply(response).getType()).isEqualTo("com.example.order.changed");
        assertThat(response.body()).contains("\"cents\":100");
    }

    @Test
    void anAcknowledgementHasAnEmptyBody() throws Exception {
        HttpResponse<String> response = http().post(TestEvents.transactionEnd(3, 1));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ce-id")).isEmpty();
    }

    @Test
    void somethingThatIsNotACloudEventIsRefusedWith400AndTheReason() throws Exception {
        HttpResponse<String> response = http().send(HttpRequest.newBuilder(root)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"op\":\"c\"}")).build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(response.body()).startsWith("not a CloudEvent");
    }

    @Test
    void anEventBreakingTheContractIsRefusedWith400() throws Exception {
        CloudEvent event = CloudEventBuilder.from(TestEvents.insert(1, 1, 7, "ann", "1"))
                .withExtension("txseq", "not-a-number").build();

        HttpResponse<String> response = http().post(event);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("extension attribute 'txseq' must be a number, was 'not-a-number'");
    }

    @Test
    void aScriptErrorIs500WithTheErrorAndWhereItHappened() throws Exception {
        HttpResponse<String> response = http().post(TestEvents.insert(4, 1, 9, "boom", "1"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).startsWith("Error: boom for 9 (pglambda.js:3:");
    }

    @Test
    void aScriptPastItsTimeLimitIs500AndTheServiceGoesOn() throws Exception {
        HttpResponse<String> stopped = http().post(TestEvents.insert(5, 1, 10, "loop", "1"));
        HttpResponse<String> next = http().post(TestEvents.insert(6, 1, 11, "carl", "3.00"));

        assertThat(stopped.statusCode()).isEqualTo(500);
        assertThat(stopped.body()).isEqualTo("script ran longer than its time limit of 3000 ms and was stopped");
        assertThat(next.statusCode()).isEqualTo(200);
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<String> response = http().get("/");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).hasValue("POST");
    }

    @Test
    void readinessAndPrometheusMetricsAreServed() throws Exception {
        http().post(TestEvents.insert(7, 1, 12, "dora", "4.00"));
        http().post(TestEvents.insert(8, 1, 13, "boom", "1"));

        HttpResponse<String> ready = http().get("/health/readiness");
        HttpResponse<String> metrics = http().get("/q/metrics");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\": \"UP\"", "pglambda");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("sgstream_pglambda_invocations_total\\{outcome=\"replied\"} [1-9]")
                .containsPattern("sgstream_pglambda_errors_total\\{reason=\"error\"} [1-9]")
                .contains("sgstream_pglambda_timeouts_total", "sgstream_pglambda_duration_seconds_count");
    }
}
