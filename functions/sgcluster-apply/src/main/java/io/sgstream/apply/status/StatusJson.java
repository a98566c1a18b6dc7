package io.sgstream.apply.status;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;

/** The status as JSON (times ISO-8601, lag in seconds), for the HTTP endpoint and the local runner. */
public final class StatusJson {

    private StatusJson() {
    }

    public static ArrayNode of(List<StreamStatus> statuses) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (StreamStatus s : statuses) {
            ObjectNode n = out.addObject();
            n.put("stream", s.stream());
            n.put("epoch", s.epoch());
            n.put("appliedTxSeq", s.appliedTxSeq());
            n.put("snapshotCompleted", s.snapshotCompleted());
            n.put("completed", s.completed());
            n.put("lastCommitTime", text(s.lastCommitTime()));
            n.put("appliedAt", text(s.appliedAt()));
            if (s.lag() == null) {
                n.putNull("lagSeconds");
            } else {
                n.put("lagSeconds", s.lag().toMillis() / 1000.0);
            }
            n.put("pendingEvents", s.pendingEvents());
            n.put("failure", s.failure());
            n.put("failedAt", text(s.failedAt()));
            n.put("missedRows", s.missedRows());
            ObjectNode tables = n.putObject("appliedRows");
            s.appliedRows().forEach((table, ops) -> {
                ObjectNode t = tables.putObject(table);
                ops.forEach(t::put);
            });
        }
        return out;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
