package io.sgstream.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sgstream.api.SGStream;
import io.sgstream.api.status.SignalStatus;
import io.sgstream.event.EventTypes;
import io.sgstream.event.SignalRequest;
import io.sgstream.event.StreamId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@EnableKubernetesMockClient(crud = true)
class AnnotationSignalsTest {

    static final String TOMBSTONE = SGStream.SIGNAL_ANNOTATION_PREFIX + "tombstone";
    static final String COMMAND = SGStream.SIGNAL_ANNOTATION_PREFIX + "command";

    KubernetesClient client;
    LoopbackSink broker;

    @BeforeEach
    void startBroker() {
        TestStreams.installCrd(client);
        broker = LoopbackSink.start();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private AnnotationSignals newInstance() {
        return new AnnotationSignals(client, HttpSignalSender.to(SignalDestination.fixed(broker.uri())));
    }

    @Test
    void tombstoneAndCommandProduceExactlyOneRequestEachAlsoAfterARestart() {
        SGStream stream = TestStreams.create(client, "sgcluster-to-sgcluster.yaml");
        TestStreams.annotate(client, stream, TOMBSTONE, "{}");
        SGStream annotated = TestStreams.annotate(client, stream, COMMAND, "{\"command\": \"ANALYZE\"}");

        List<PendingSignal> handled = newInstance().process(annotated);

        StreamId id = new StreamId(TestStreams.NAMESPACE, "migrate-shop");
        SignalRequest command = new SignalRequest(id, "command", "{\"command\": \"ANALYZE\"}");
        SignalRequest tombstone = new SignalRequest(id, "tombstone", "{}");
        assertThat(handled).extracting(PendingSignal::name).containsExactly("command", "tombstone");
        assertThat(broker.requests()).containsExactly(command, tombstone); // tombstone last: it ends the stream
        assertThat(broker.received()).allSatisfy(ce -> {
            assertThat(ce.getType()).isEqualTo(EventTypes.SIGNAL_REQUEST);
            assertThat(ce.getSource()).hasToString("/sgstream/shop/migrate-shop");
        });
        assertThat(broker.received()).extracting(ce -> ce.getId()).containsExactly(command.id(), tombstone.id());
        assertThat(TestStreams.read(client, stream).getStatus().getSignals()).isEqualTo(Map.of(
                "command", SignalStatus.of(command.id(), null), "tombstone", SignalStatus.of(tombstone.id(), null)));

        // the same (old) event delivered again, then a "restarted" function: state lives only in the status
        newInstance().process(annotated);
        newInstance().process(TestStreams.read(client, stream));
        assertThat(broker.requests()).hasSize(2);
    }

    @Test
    void aNewValueProducesOneMoreRequest() {
        SGStream stream = TestStreams.create(client, "sgcluster-to-sgcluster.yaml");
        AnnotationSignals signals = newInstance();
        signals.process(TestStreams.annotate(client, stream, COMMAND, "{\"command\": \"ANALYZE\"}"));

        SGStream changed = TestStreams.annotate(client, stream, COMMAND, "{\"command\": \"VACUUM\"}");
        signals.process(changed);
        signals.process(changed);

        assertThat(broker.requests()).extracting(r -> r.data().path("command").asText())
                .containsExactly("ANALYZE", "VACUUM");
        assertThat(TestStreams.read(client, stream).getStatus().getSignals().get("command").getRequestId())
                .isEqualTo(broker.received().get(1).getId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"command", "sync-sequences"})
    void targetSignalsOnACloudEventTargetAreRejectedInTheStatusAndNeverSent(String signal) {
        SGStream stream = TestStreams.create(client, "postgres-to-cloudevent.yaml");
        SGStream annotated = TestStreams.annotate(client, stream, SGStream.SIGNAL_ANNOTATION_PREFIX + signal,
                "{\"command\": \"ANALYZE\"}");

        List<PendingSignal> handled = newInstance().process(annotated);
        newInstance().process(TestStreams.read(client, stream));

        assertThat(broker.received()).isEmpty();
        assertThat(handled).singleElement().satisfies(s -> assertThat(s.isRejected()).isTrue());
        SignalStatus status = TestStreams.read(client, stream).getStatus().getSignals().get(signal);
        assertThat(status.getRequestId()).startsWith(signal + "-");
        assertThat(status.getRejected()).isEqualTo("annotation debezium-signal.stackgres.io/" + signal + ": " + signal
                + " acts on an SGCluster target, and this stream's target is CloudEvent; the signal was not sent");
    }

    @Test
    void tombstoneOnACloudEventTargetIsSent() {
        SGStream stream = TestStreams.create(client, "postgres-to-cloudevent.yaml");

        newInstance().process(TestStreams.annotate(client, stream, TOMBSTONE, ""));

        assertThat(broker.requests()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("tombstone");
            assertThat(r.data().isEmpty()).isTrue(); // an empty value means {} as in StackGres
        });
    }

    @Test
    void otherDebeziumSignalsPassThroughWithTheirName() {
        SGStream stream = TestStreams.create(client, "postgres-to-cloudevent.yaml");
        String snapshot = "{\"data-collections\": [\"public.orders\"], \"type\": \"incremental\"}";

        newInstance().process(TestStreams.annotate(client, stream,
                SGStream.SIGNAL_ANNOTATION_PREFIX + "execute-snapshot", snapshot));

        assertThat(broker.requests()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("execute-snapshot");
            assertThat(r.annotationValue()).isEqualTo(snapshot);
        });
    }

    @Test
    void valuesThatCanNeverWorkAreRejectedWithTheReason() {
        SGStream stream = TestStreams.create(client, "sgcluster-to-sgcluster.yaml");
        TestStreams.annotate(client, stream, COMMAND, "ANALYZE");
        TestStreams.annotate(client, stream, SGStream.SIGNAL_ANNOTATION_PREFIX + "Execute_Snapshot", "{}");
        SGStream annotated = TestStreams.annotate(client, stream, TOMBSTONE, "{\"sql\": 1}");

        newInstance().process(annotated);

        assertThat(broker.requests()).extracting(SignalRequest::name).containsExactly("tombstone");
        Map<String, SignalStatus> signals = TestStreams.read(client, stream).getStatus().getSignals();
        assertThat(signals.get("command").getRejected())
                .startsWith("annotation debezium-signal.stackgres.io/command: the value must be JSON");
        assertThat(signals.get("Execute_Snapshot").getRejected()).contains("is not a signal name");
        assertThat(signals.get("tombstone").getRejected()).isNull();
    }

    @Test
    void aCrashBetweenSendingAndRecordingSendsTheSameRequestAgain() {
        SGStream stream = TestStreams.create(client, "sgcluster-to-sgcluster.yaml");
        SGStream annotated = TestStreams.annotate(client, stream, TOMBSTONE, "{}");
        SignalSender real = HttpSignalSender.to(SignalDestination.fixed(broker.uri()));
        AnnotationSignals crashing = new AnnotationSignals(client, request -> {
            real.send(request);
            throw new IllegalStateException("process killed after sending");
        });

        assertThatThrownBy(() -> crashing.process(annotated)).hasMessageContaining("killed");
        assertThat(TestStreams.read(client, stream).getStatus()).isNull();
        newInstance().process(annotated);

        assertThat(broker.received()).hasSize(2);
        assertThat(broker.received().get(1).getId()).isEqualTo(broker.received().get(0).getId());
        newInstance().process(annotated);
        assertThat(broker.received()).hasSize(2);
    }

    @Test
    void aRefusedRequestIsNotRecordedAndIsSentOnTheNextAttempt() {
        SGStream stream = TestStreams.create(client, "sgcluster-to-sgcluster.yaml");
        SGStream annotated = TestStreams.annotate(client, stream, TOMBSTONE, "{}");
        broker.answer(503);

        assertThatThrownBy(() -> newInstance().process(annotated))
                .isInstanceOf(SignalDeliveryException.class).hasMessageContaining("HTTP 503");
        assertThat(TestStreams.read(client, stream).getStatus()).isNull();

        broker.answer(202);
        newInstance().process(annotated);
        assertThat(broker.requests()).extracting(SignalRequest::name).containsExactly("tombstone");
        assertThat(TestStreams.read(client, stream).getStatus().getSignals()).containsKey("tombstone");
    }

    @Test
    void recordingKeepsWhatOthersWroteToTheStatusMeanwhile() {
        SGStream stream = TestStreams.create(client, "sgcluster-to-sgcluster.yaml");
        SGStream read = TestStreams.annotate(client, stream, TOMBSTONE, "{}");
        // another component writes the status after we read the stream
        SGStream other = TestStreams.read(client, stream);
        other.setStatus(new io.sgstream.api.SGStreamStatus());
        other.getStatus().setFailure("written by the capture service");
        client.resource(other).updateStatus();

        PendingSignal signal = SignalAnnotations.pending(read).get(0);
        new SignalStatusRecorder(client).record(read, signal);

        SGStream stored = TestStreams.read(client, stream);
        assertThat(stored.getStatus().getFailure()).isEqualTo("written by the capture service");
        assertThat(stored.getStatus().getSignals()).containsKey("tombstone");
    }

    @Test
    void aStreamWithoutSignalsCostsNoApiCall() {
        SGStream notStored = TestStreams.example("sgcluster-to-sgcluster.yaml"); // never created

        assertThat(newInstance().process(notStored)).isEmpty();
        assertThat(broker.received()).isEmpty();
    }
}
