package functions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.sgstream.event.EventCodec;
import io.sgstream.event.EventTypes;
import io.sgstream.event.MalformedEventException;
import io.sgstream.event.Op;
import io.sgstream.event.PgValues;
import io.sgstream.event.Position;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamEvent;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A row change of an SGStream, typed: the event contract's {@link RowChange} read from the CloudEvent Funqy hands
 * to the function. Values are as the contract encodes them (numeric, text, timestamps... as PostgreSQL text;
 * integers and booleans as JSON); {@link #text} and {@link #decimal} read one column of the current row.
 */
public record ChangeEvent(RowChange row, String id, String source) {

    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]+");

    /** Whether an event is a row change (a Trigger may also deliver transaction ends and signals). */
    public static boolean isChange(CloudEvent<?> event) {
        return EventTypes.CHANGE.equals(event.type());
    }

    /**
     * Reads a change through the contract.
     *
     * @throws MalformedEventException when the event is not a row change of the contract (Funqy answers 500)
     */
    public static ChangeEvent from(CloudEvent<JsonNode> event) {
        CloudEventBuilder ce = CloudEventBuilder.v1()
                .withId(event.id())
                .withSource(URI.create(event.source()))
                .withType(event.type())
                .withSubject(event.subject())
                .withTime(event.time());
        event.extensions().forEach((name, value) -> {
            if (EXTENSION_NAME.matcher(name).matches()) { // transport headers Funqy also reports are not attributes
                ce.withExtension(name, value);
            }
        });
        if (event.data() != null) {
            ce.withData("application/json", EventCodec.bytes(event.data()));
        }
        StreamEvent decoded = EventCodec.fromCloudEvent(ce.build());
        if (!(decoded instanceof RowChange change)) {
            throw new MalformedEventException("event " + event.id() + " of type " + event.type() + " is not a row change");
        }
        return new ChangeEvent(change, event.id(), event.source());
    }

    public Op op() {
        return row.op();
    }

    public String schema() {
        return row.schema();
    }

    public String table() {
        return row.table();
    }

    /** {@code schema.table}. */
    public String qualifiedTable() {
        return row.qualifiedTable();
    }

    public ObjectNode key() {
        return row.key();
    }

    /** The old row: null for inserts and snapshot reads; only the key columns unless REPLICA IDENTITY FULL. */
    public ObjectNode before() {
        return row.before();
    }

    /** The new row: null for deletes. */
    public ObjectNode after() {
        return row.after();
    }

    /** Columns whose (TOASTed) value did not change and is not in {@link #after()}. */
    public List<String> unchanged() {
        return row.unchanged();
    }

    public Position position() {
        return row.position();
    }

    public boolean snapshot() {
        return row.snapshot();
    }

    /** A column of the current row (after, or before for a delete) in PostgreSQL's text form; null for SQL NULL. */
    public String text(String column) {
        return PgValues.toText(row.value(column));
    }

    /** A numeric column of the current row, or null. */
    public BigDecimal decimal(String column) {
        String text = text(column);
        return text == null ? null : new BigDecimal(text);
    }

    /** The source to give reply events: the stream's, plus {@code /pglambda}. */
    public String replySource() {
        return source + "/pglambda";
    }
}
