package io.sgstream.capture.app;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sgstream.capture.sink.LoopbackSink;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** The Quarkus shell end to end: SGStream file in, CloudEvents out through K_SINK, health and metrics served. */
@QuarkusTest
@QuarkusTestResource(value = CaptureTestResource.class, restrictToAnnotatedClass = true)
class CaptureApplicationTest {

    @Test
    void capturesTheStreamAndReportsHealthAndMetrics() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));

        // ready once the snapshot runs and the sink takes events
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", is("UP")));
        await().atMost(Duration.ofMinutes(1)).until(() -> subjects("public.orders") >= 2);

        CaptureTestResource.postgres.execute(CaptureTestResource.database,
                "INSERT INTO public.orders VALUES (3, 'streamed')");
        await().atMost(Duration.ofMinutes(1)).until(() -> CaptureTestResource.sink.requests().stream()
                .anyMatch(r -> "c".equals(r.header("ce-op")) && r.bodyText().contains("streamed")));

        LoopbackSink.Request streamed = CaptureTestResource.sink.requests().stream()
                .filter(r -> r.bodyText().contains("streamed")).findFirst().orElseThrow();
        assertThat(streamed.header("ce-source")).isEqualTo("/sgstream/test/shell-test");
        assertThat(streamed.header("ce-cluster")).as("K_CE_OVERRIDES").isEqualTo("test");
        assertThat(streamed.header("Authorization")).as("secret header, resolved not expanded")
                .isEqualTo("Bearer " + CaptureTestResource.SINK_TOKEN);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("sgstream_sink_events_sent_total"))
                .body(containsString("sgstream_sink_in_flight"))
                .body(containsString("sgstream_sink_request_seconds_count"))
                .body(not(containsString(CaptureTestResource.SINK_TOKEN)));
        given().get("/q/health").then().body(not(containsString(CaptureTestResource.SINK_TOKEN)));

        // the signal endpoint is mounted on POST /: what is not a CloudEvent is refused with the reason
        given().contentType("text/plain").body("hello").post("/").then().statusCode(400)
                .body(containsString("not a CloudEvent"));
    }

    private static long subjects(String subject) {
        return CaptureTestResource.sink.requests().stream().filter(r -> subject.equals(r.header("ce-subject"))).count();
    }
}
