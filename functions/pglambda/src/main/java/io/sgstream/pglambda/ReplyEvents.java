package io.sgstream.pglambda;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.sgstream.event.EventAttributes;
import io.sgstream.event.EventTypes;
import io.sgstream.event.StreamId;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a function's {@link Reply} into the CloudEvent answered to the Broker, which re-publishes it to every
 * Trigger. The reply event:
 * <ul>
 * <li>{@code type}: chosen by the user; it must not start with {@code io.sgstream.} so a Trigger for the
 *     stream's own events never receives its replies (a loop the Broker would only stop after 255 hops);</li>
 * <li>{@code source}: {@code /sgstream/<namespace>/<name>/pglambda};</li>
 * <li>{@code id}: the id of the event it answers, so a redelivered event yields the same reply, which consumers
 *     can deduplicate by source and id;</li>
 * <li>{@code subject}, {@code time} and the {@code partitionkey} extension: those of the event it answers (an
 *     ordered Kafka broker keeps the replies of one row in order); other extensions only as the user gives them;</li>
 * <li>{@code datacontenttype}: {@code application/json}.</li>
 * </ul>
 */
public final class ReplyEvents {

    public static final String SOURCE_SUFFIX = "/pglambda";

    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]{1,20}");
    private static final Set<String> RESERVED = Set.of("id", "source", "specversion", "type", "datacontenttype",
            "dataschema", "subject", "time", "data", "data_base64");

    private ReplyEvents() {
    }

    /** The source of every reply of a stream's PgLambda. */
    public static URI source(StreamId stream) {
        return URI.create(stream.source() + SOURCE_SUFFIX);
    }

    /**
     * Builds the reply event.
     *
     * @throws FunctionFailure when the reply breaks the rules above or its data exceeds {@code maxDataBytes}
     */
    public static CloudEvent build(CloudEvent answered, StreamId stream, Reply reply, int maxDataBytes) throws FunctionFailure {
        String type = reply.type();
        if (type == null || type.isBlank()) {
            throw invalid("a reply needs a type");
        }
        if (type.startsWith(EventTypes.PREFIX)) {
            throw invalid("reply type '" + type + "' must not start with '" + EventTypes.PREFIX
                    + "': those are the stream's own types and the reply would be delivered back in a loop");
        }
        CloudEventBuilder b = CloudEventBuilder.v1()
                .withId(answered.getId())
                .withSource(source(stream))
                .withType(type)
                .withSubject(answered.getSubject())
                .withTime(answered.getTime());
        Object partitionKey = answered.getExtension(EventAttributes.PARTITION_KEY);
        if (partitionKey != null) {
            b.withExtension(EventAttributes.PARTITION_KEY, partitionKey.toString());
        }
        for (Map.Entry<String, String> e : reply.extensions().entrySet()) {
            String name = e.getKey();
            if (!EXTENSION_NAME.matcher(name).matches() || RESERVED.contains(name)) {
                throw invalid("reply extension '" + name + "' is not allowed: names are 1-20 lower-case letters or digits"
                        + " and not a CloudEvents attribute");
            }
            b.withExtension(name, e.getValue() == null ? "" : e.getValue());
        }
        if (reply.data() != null) {
            byte[] data = reply.data().getBytes(StandardCharsets.UTF_8);
            if (data.length > maxDataBytes) {
                throw invalid("reply data is " + data.length + " bytes, more than the limit of " + maxDataBytes);
            }
            b.withData("application/json", data);
        }
        return b.build();
    }

    private static FunctionFailure invalid(String message) {
        return new FunctionFailure(FunctionFailure.Reason.ERROR, "invalid reply: " + message);
    }
}
