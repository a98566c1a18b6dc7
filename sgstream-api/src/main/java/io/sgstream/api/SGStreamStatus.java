package io.sgstream.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.sgstream.api.status.EventsStatus;
import io.sgstream.api.status.SignalStatus;
import io.sgstream.api.status.SnapshotStatus;
import io.sgstream.api.status.StreamCondition;
import io.sgstream.api.status.StreamingStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * {@code status} of an {@link SGStream}, as StackGres names it. Written by the stream's own components through the
 * status subresource; unknown fields are ignored when read so that older readers accept newer writers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Status is written by machines: ignore fields a newer writer added instead of failing.
@JsonIgnoreProperties(ignoreUnknown = true)
public class SGStreamStatus {

    private List<StreamCondition> conditions;
    private SnapshotStatus snapshot;
    private StreamingStatus streaming;
    private EventsStatus events;
    private String failure;
    private Map<String, SignalStatus> signals;

    /** Running, Failed and Completed conditions. */
    public List<StreamCondition> getConditions() {
        return conditions;
    }

    public void setConditions(List<StreamCondition> conditions) {
        this.conditions = conditions;
    }

    /** Snapshot progress. */
    public SnapshotStatus getSnapshot() {
        return snapshot;
    }

    public void setSnapshot(SnapshotStatus snapshot) {
        this.snapshot = snapshot;
    }

    /** Streaming progress. */
    public StreamingStatus getStreaming() {
        return streaming;
    }

    public void setStreaming(StreamingStatus streaming) {
        this.streaming = streaming;
    }

    /** Delivery to the target. */
    public EventsStatus getEvents() {
        return events;
    }

    public void setEvents(EventsStatus events) {
        this.events = events;
    }

    /** Why the stream failed, when it did. */
    public String getFailure() {
        return failure;
    }

    public void setFailure(String failure) {
        this.failure = failure;
    }

    /**
     * Annotation signals already acted on, by signal name ({@code tombstone}, {@code command}, …): an addition to
     * StackGres's status, kept here so that any reader (a restarted function, the controller) knows them.
     */
    public Map<String, SignalStatus> getSignals() {
        return signals;
    }

    public void setSignals(Map<String, SignalStatus> signals) {
        this.signals = signals;
    }

    /** The condition of the given type ({@link StreamCondition#RUNNING} etc.), if present. */
    public Optional<StreamCondition> condition(String type) {
        return conditions == null ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** Sets {@code condition}: replaces the one of the same type in place, or appends it. */
    public void putCondition(StreamCondition condition) {
        List<StreamCondition> updated = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions);
        int index = -1;
        for (int i = 0; i < updated.size(); i++) {
            if (condition.getType().equals(updated.get(i).getType())) {
                index = i;
            }
        }
        if (index >= 0) {
            updated.set(index, condition);
        } else {
            updated.add(condition);
        }
        conditions = updated;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        SGStreamStatus that = (SGStreamStatus) o;
        return Objects.equals(conditions, that.conditions)
                && Objects.equals(snapshot, that.snapshot)
                && Objects.equals(streaming, that.streaming)
                && Objects.equals(events, that.events)
                && Objects.equals(failure, that.failure)
                && Objects.equals(signals, that.signals);
    }

    @Override
    public int hashCode() {
        return Objects.hash(conditions, snapshot, streaming, events, failure, signals);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "SGStreamStatus{", "}");
        if (conditions != null) {
            fields.add("conditions=" + conditions);
        }
        if (snapshot != null) {
            fields.add("snapshot=" + snapshot);
        }
        if (streaming != null) {
            fields.add("streaming=" + streaming);
        }
        if (events != null) {
            fields.add("events=" + events);
        }
        if (failure != null) {
            fields.add("failure=" + failure);
        }
        if (signals != null) {
            fields.add("signals=" + signals);
        }
        return fields.toString();
    }
}
