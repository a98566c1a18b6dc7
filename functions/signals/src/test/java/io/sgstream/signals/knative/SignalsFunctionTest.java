package io.sgstream.signals.knative;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.sgstream.api.SGStream;
import io.sgstream.event.SignalRequest;
import io.sgstream.signals.TestStreams;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The function as the Broker calls it: ApiServerSource events in binary mode, as the adapter sends them. */
@QuarkusTest
@QuarkusTestResource(ClusterAndBroker.class)
class SignalsFunctionTest {

    @BeforeEach
    void clean() {
        ClusterAndBroker.client.resources(SGStream.class).inAnyNamespace().delete();
        ClusterAndBroker.broker.clear();
        ClusterAndBroker.broker.answer(202);
    }

    /** An ApiServerSource event: random id, the API server as source, kind/name/namespace extensions. */
    private static RequestSpecification apiServerEvent(String type, SGStream stream) {
        return given()
                .header("ce-id", UUID.randomUUID().toString())
                .header("ce-specversion", "1.0")
                .header("ce-type", type)
                .header("ce-source", "https://10.96.0.1:443")
                .header("ce-subject", "/apis/stackgres.io/v1alpha1/namespaces/" + stream.getMetadata().getNamespace()
                        + "/sgstreams/" + stream.getMetadata().getName())
                .header("ce-kind", SGStream.KIND)
                .header("ce-apiversion", SGStream.API_VERSION)
                .header("ce-name", stream.getMetadata().getName())
                .header("ce-namespace", stream.getMetadata().getNamespace())
                .contentType("application/json");
    }

    @Test
    void anAnnotatedStreamYieldsOneSignalRequestHoweverOftenItIsSeen() {
        SGStream stream = TestStreams.create(ClusterAndBroker.client, "sgcluster-to-sgcluster.yaml");
        SGStream annotated = TestStreams.annotate(ClusterAndBroker.client, stream,
                SGStream.SIGNAL_ANNOTATION_PREFIX + "tombstone", "{}");
        String json = ClusterAndBroker.client.getKubernetesSerialization().asJson(annotated);

        for (int delivery = 0; delivery < 3; delivery++) {
            apiServerEvent(SignalsFunction.RESOURCE_UPDATE, annotated).body(json).post("/").then().statusCode(204);
        }

        assertThat(ClusterAndBroker.broker.requests()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("tombstone");
            assertThat(r.stream().name()).isEqualTo("migrate-shop");
        });
        assertThat(TestStreams.read(ClusterAndBroker.client, stream).getStatus().getSignals().get("tombstone")
                .getRequestId()).isEqualTo(ClusterAndBroker.broker.requests().get(0).id());
    }

    @Test
    void referenceModeEventsAreHandledByReadingTheStream() {
        SGStream stream = TestStreams.create(ClusterAndBroker.client, "sgcluster-to-sgcluster.yaml");
        SGStream annotated = TestStreams.annotate(ClusterAndBroker.client, stream,
                SGStream.SIGNAL_ANNOTATION_PREFIX + "command", "{\"command\": \"ANALYZE\"}");
        String reference = "{\"apiVersion\": \"stackgres.io/v1alpha1\", \"kind\": \"SGStream\", \"name\": \"migrate-shop\","
                + " \"namespace\": \"" + TestStreams.NAMESPACE + "\"}";

        apiServerEvent(SignalsFunction.REF_UPDATE, annotated).body(reference).post("/").then().statusCode(204);

        assertThat(ClusterAndBroker.broker.requests()).extracting(SignalRequest::name).containsExactly("command");
    }

    @Test
    void aRefusedRequestFailsTheDeliverySoTheBrokerRetriesIt() {
        SGStream stream = TestStreams.create(ClusterAndBroker.client, "sgcluster-to-sgcluster.yaml");
        SGStream annotated = TestStreams.annotate(ClusterAndBroker.client, stream,
                SGStream.SIGNAL_ANNOTATION_PREFIX + "tombstone", "{}");
        String json = ClusterAndBroker.client.getKubernetesSerialization().asJson(annotated);
        ClusterAndBroker.broker.answer(503);

        apiServerEvent(SignalsFunction.RESOURCE_UPDATE, annotated).body(json).post("/").then().statusCode(500);
        ClusterAndBroker.broker.answer(202);
        apiServerEvent(SignalsFunction.RESOURCE_UPDATE, annotated).body(json).post("/").then().statusCode(204);

        assertThat(ClusterAndBroker.broker.requests()).extracting(SignalRequest::name).containsExactly("tombstone");
    }

    @Test
    void eventsAboutOtherObjectsAreAcknowledgedAndIgnored() {
        SGStream stream = TestStreams.example("sgcluster-to-sgcluster.yaml");
        String configMap = "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"x\", "
                + "\"annotations\": {\"debezium-signal.stackgres.io/tombstone\": \"{}\"}}}";

        apiServerEvent(SignalsFunction.RESOURCE_ADD, stream).body(configMap).post("/").then().statusCode(204);
        apiServerEvent("dev.knative.apiserver.resource.delete", stream)
                .body(ClusterAndBroker.client.getKubernetesSerialization().asJson(stream)).post("/")
                .then().statusCode(204);

        assertThat(ClusterAndBroker.broker.received()).isEmpty();
    }
}
