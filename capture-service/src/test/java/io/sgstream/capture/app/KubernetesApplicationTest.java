package io.sgstream.capture.app;

import io.fabric8.kubernetes.api.model.Event;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreamStatus;
import io.sgstream.api.status.StreamCondition;
import io.sgstream.capture.kubernetes.CaptureEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static io.sgstream.capture.app.KubernetesModeTestResource.NAME;
import static io.sgstream.capture.app.KubernetesModeTestResource.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * The application wired for Kubernetes: the stream read from the API, not capturing (and not ready, saying why)
 * while another pod holds the Lease, capturing once it is free, with the status and Events written back.
 */
@QuarkusTest
@QuarkusTestResource(value = KubernetesModeTestResource.class, restrictToAnnotatedClass = true)
class KubernetesApplicationTest {

    @Test
    void waitsForTheLeaseThenCapturesAndWritesTheStatus() {
        given().get("/q/health/live").then().statusCode(200);
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(503).body(containsString("held by " + KubernetesModeTestResource.OTHER_POD)));
        assertThat(KubernetesModeTestResource.sink.requests()).isEmpty();

        // the other pod is gone: its Lease is released
        KubernetesModeTestResource.client.leases().inNamespace(NS).withName(KubernetesModeTestResource.LEASE)
                .edit(l -> {
                    l.getSpec().setHolderIdentity("");
                    return l;
                });
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofMinutes(1)).until(() -> KubernetesModeTestResource.sink.requests().stream()
                .anyMatch(r -> "public.orders".equals(r.header("ce-subject"))));
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            SGStreamStatus status = stream().getStatus();
            assertThat(status).isNotNull();
            assertThat(status.condition(StreamCondition.RUNNING)).get()
                    .extracting(StreamCondition::getStatus).isEqualTo(StreamCondition.TRUE);
            assertThat(status.getSnapshot().getRowsScanned()).containsEntry("public.orders", 1L);
            assertThat(status.getEvents().getTotalNumberOfEventsSent()).isGreaterThanOrEqualTo(1L);
        });
        assertThat(KubernetesModeTestResource.client.leases().inNamespace(NS)
                .withName(KubernetesModeTestResource.LEASE).get().getSpec().getHolderIdentity())
                .isEqualTo("k8s-shell-capture-this");
        assertThat(KubernetesModeTestResource.client.v1().events().inNamespace(NS).list().getItems())
                .extracting(Event::getReason).contains(CaptureEvents.STARTED);
    }

    private static SGStream stream() {
        return KubernetesModeTestResource.client.resources(SGStream.class).inNamespace(NS).withName(NAME).get();
    }
}
