package io.sgstream.signals;

import com.fasterxml.jackson.databind.JsonNode;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreamSpec;
import io.sgstream.api.StreamNames;
import io.sgstream.api.spec.StreamTarget;
import io.sgstream.api.spec.TargetType;
import io.sgstream.api.status.SignalStatus;
import io.sgstream.event.MalformedEventException;
import io.sgstream.event.SignalRequest;
import io.sgstream.event.StreamId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the signal annotations ({@code debezium-signal.stackgres.io/<signal>: <JSON>}) of a stream whose value differs
 * from the one {@code status.signals} records as handled, and decides for each whether it can be sent.
 *
 * <p>Order: {@code tombstone} last (it ends the stream, so a {@code command} set at the same time still runs), the
 * others by name.
 */
public final class SignalAnnotations {

    private static final Pattern SIGNAL_NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Comparator<PendingSignal> ORDER = Comparator
            .comparing((PendingSignal s) -> SGStream.TOMBSTONE_SIGNAL.equals(s.name()))
            .thenComparing(PendingSignal::name);

    private SignalAnnotations() {
    }

    /** The signals of {@code stream} not handled yet, in the order they should be sent. */
    public static List<PendingSignal> pending(SGStream stream) {
        Map<String, String> annotations = stream.getMetadata() == null ? null : stream.getMetadata().getAnnotations();
        if (annotations == null) {
            return List.of();
        }
        Map<String, SignalStatus> handled = Optional.ofNullable(stream.getStatus())
                .map(s -> s.getSignals()).orElse(Map.of());
        StreamId id = new StreamId(StreamNames.namespace(stream), StreamNames.name(stream));
        List<PendingSignal> pending = new ArrayList<>();
        annotations.forEach((key, value) -> {
            if (key.startsWith(SGStream.SIGNAL_ANNOTATION_PREFIX)) {
                PendingSignal signal = decide(stream, id, key.substring(SGStream.SIGNAL_ANNOTATION_PREFIX.length()),
                        value == null ? "" : value);
                SignalStatus recorded = handled.get(signal.name());
                if (recorded == null || !signal.requestId().equals(recorded.getRequestId())) {
                    pending.add(signal);
                }
            }
        });
        pending.sort(ORDER);
        return pending;
    }

    private static PendingSignal decide(SGStream stream, StreamId id, String name, String value) {
        String annotation = SGStream.SIGNAL_ANNOTATION_PREFIX + name;
        if (!SIGNAL_NAME.matcher(name).matches()) {
            return PendingSignal.reject(name, name + "-" + fingerprint(value), "annotation " + annotation + ": '"
                    + name + "' is not a signal name (lower-case letters, digits and '-', starting with a letter)");
        }
        SignalRequest request = new SignalRequest(id, name, value);
        JsonNode data;
        try {
            data = request.data();
        } catch (MalformedEventException e) {
            return PendingSignal.reject(name, request.id(), "annotation " + annotation
                    + ": the value must be JSON, such as '{}' or '{\"command\": \"ANALYZE\"}' (" + e.getMessage() + ")");
        }
        if (SGStream.COMMAND_SIGNAL.equals(name) || SGStream.SYNC_SEQUENCES_SIGNAL.equals(name)) {
            String target = Optional.ofNullable(stream.getSpec()).map(SGStreamSpec::getTarget)
                    .map(StreamTarget::getType).orElse(null);
            if (!TargetType.SGCLUSTER.value().equals(target)) {
                return PendingSignal.reject(name, request.id(), "annotation " + annotation + ": " + name
                        + " acts on an SGCluster target, and this stream's target is "
                        + (target == null ? "not set" : target) + "; the signal was not sent");
            }
        }
        if (SGStream.COMMAND_SIGNAL.equals(name)) {
            if (!data.path("command").isTextual() || data.path("command").asText().isBlank()) {
                return PendingSignal.reject(name, request.id(), "annotation " + annotation
                        + ": the value must be {\"command\": \"<SQL>\"}");
            }
        }
        return PendingSignal.send(request);
    }

    /** The part of a request id after the signal name, for names a request cannot carry. */
    private static String fingerprint(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
