package io.sgstream.api.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code status.events}: delivery of events to the target.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Status is written by machines: ignore fields a newer writer added instead of failing.
@JsonIgnoreProperties(ignoreUnknown = true)
public class EventsStatus {

    private Boolean lastEventWasSent;
    private String lastEventSent;
    private Long totalNumberOfEventsSent;
    private String lastErrorSeen;
    private Long totalNumberOfErrorsSeen;

    /** Whether the last event was delivered. */
    public Boolean getLastEventWasSent() {
        return lastEventWasSent;
    }

    public void setLastEventWasSent(Boolean lastEventWasSent) {
        this.lastEventWasSent = lastEventWasSent;
    }

    /** Id (or source position) of the last event delivered. */
    public String getLastEventSent() {
        return lastEventSent;
    }

    public void setLastEventSent(String lastEventSent) {
        this.lastEventSent = lastEventSent;
    }

    /** Events delivered since the stream started. */
    public Long getTotalNumberOfEventsSent() {
        return totalNumberOfEventsSent;
    }

    public void setTotalNumberOfEventsSent(Long totalNumberOfEventsSent) {
        this.totalNumberOfEventsSent = totalNumberOfEventsSent;
    }

    /** The last delivery error. */
    public String getLastErrorSeen() {
        return lastErrorSeen;
    }

    public void setLastErrorSeen(String lastErrorSeen) {
        this.lastErrorSeen = lastErrorSeen;
    }

    /** Delivery errors since the stream started. */
    public Long getTotalNumberOfErrorsSeen() {
        return totalNumberOfErrorsSeen;
    }

    public void setTotalNumberOfErrorsSeen(Long totalNumberOfErrorsSeen) {
        this.totalNumberOfErrorsSeen = totalNumberOfErrorsSeen;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        EventsStatus that = (EventsStatus) o;
        return Objects.equals(lastEventWasSent, that.lastEventWasSent)
                && Objects.equals(lastEventSent, that.lastEventSent)
                && Objects.equals(totalNumberOfEventsSent, that.totalNumberOfEventsSent)
                && Objects.equals(lastErrorSeen, that.lastErrorSeen)
                && Objects.equals(totalNumberOfErrorsSeen, that.totalNumberOfErrorsSeen);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lastEventWasSent, lastEventSent, totalNumberOfEventsSent, lastErrorSeen,
                totalNumberOfErrorsSeen);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "EventsStatus{", "}");
        if (lastEventWasSent != null) {
            fields.add("lastEventWasSent=" + lastEventWasSent);
        }
        if (lastEventSent != null) {
            fields.add("lastEventSent=" + lastEventSent);
        }
        if (totalNumberOfEventsSent != null) {
            fields.add("totalNumberOfEventsSent=" + totalNumberOfEventsSent);
        }
        if (lastErrorSeen != null) {
            fields.add("lastErrorSeen=" + lastErrorSeen);
        }
        if (totalNumberOfErrorsSeen != null) {
            fields.add("totalNumberOfErrorsSeen=" + totalNumberOfErrorsSeen);
        }
        return fields.toString();
    }
}
