package functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.funqy.Funq;
import io.quarkus.funqy.knative.events.CloudEvent;
import io.quarkus.funqy.knative.events.CloudEventBuilder;
import io.sgstream.event.Op;

import java.math.BigDecimal;

/**
 * Your PgLambda. Funqy calls {@link #function} for every event the Trigger delivers (filter it on
 * {@code type: io.sgstream.change} and the table you want). What you return is the answer to the Broker:
 * <ul>
 * <li>{@code null}: acknowledged, nothing emitted (204);</li>
 * <li>a CloudEvent: acknowledged and emitted (200); the Broker re-publishes it to every Trigger, so its type must
 *     not start with {@code io.sgstream.} (the stream's own events) or it would come back here;</li>
 * <li>an exception: the event is retried (500), then dead-lettered.</li>
 * </ul>
 */
public class Function {

    @Funq
    public CloudEvent<OrderChange> function(CloudEvent<JsonNode> input) {
        if (!ChangeEvent.isChange(input)) {
            return null;
        }
        ChangeEvent change = ChangeEvent.from(input);
        if (!"orders".equals(change.table()) || change.op() == Op.TRUNCATE) {
            return null;
        }
        OrderChange output = new OrderChange(change.key().path("id").asLong(), change.op().code(), amountDelta(change));
        return CloudEventBuilder.create()
                .id(change.id()) // the same reply for a redelivered event: consumers deduplicate on source + id
                .type("com.example.order.changed")
                .source(change.replySource())
                .subject(change.qualifiedTable())
                .build(output);
    }

    private static BigDecimal amountDelta(ChangeEvent change) {
        BigDecimal before = amount(change.before());
        BigDecimal after = amount(change.after());
        return after.subtract(before);
    }

    private static BigDecimal amount(JsonNode row) {
        JsonNode amount = row == null ? null : row.get("amount");
        return amount == null || amount.isNull() ? BigDecimal.ZERO : new BigDecimal(amount.asText());
    }
}
