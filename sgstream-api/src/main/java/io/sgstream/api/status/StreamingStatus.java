package io.sgstream.api.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code status.streaming}: progress of streaming from the replication slot, named after Debezium's streaming
 * metrics.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Status is written by machines: ignore fields a newer writer added instead of failing.
@JsonIgnoreProperties(ignoreUnknown = true)
public class StreamingStatus {

    private String lastEvent;
    private Long milliSecondsSinceLastEvent;
    private Long totalNumberOfEventsSeen;
    private Long totalNumberOfCreateEventsSeen;
    private Long totalNumberOfUpdateEventsSeen;
    private Long totalNumberOfDeleteEventsSeen;
    private Long numberOfEventsFiltered;
    private List<String> capturedTables;
    private Integer queueTotalCapacity;
    private Integer queueRemainingCapacity;
    private Boolean connected;
    private Long milliSecondsBehindSource;
    private Long numberOfCommittedTransactions;
    private Map<String, String> sourceEventPosition;
    private String lastTransactionId;
    private Long maxQueueSizeInBytes;
    private Long currentQueueSizeInBytes;

    public String getLastEvent() {
        return lastEvent;
    }

    public void setLastEvent(String lastEvent) {
        this.lastEvent = lastEvent;
    }

    public Long getMilliSecondsSinceLastEvent() {
        return milliSecondsSinceLastEvent;
    }

    public void setMilliSecondsSinceLastEvent(Long milliSecondsSinceLastEvent) {
        this.milliSecondsSinceLastEvent = milliSecondsSinceLastEvent;
    }

    public Long getTotalNumberOfEventsSeen() {
        return totalNumberOfEventsSeen;
    }

    public void setTotalNumberOfEventsSeen(Long totalNumberOfEventsSeen) {
        this.totalNumberOfEventsSeen = totalNumberOfEventsSeen;
    }

    public Long getTotalNumberOfCreateEventsSeen() {
        return totalNumberOfCreateEventsSeen;
    }

    public void setTotalNumberOfCreateEventsSeen(Long totalNumberOfCreateEventsSeen) {
        this.totalNumberOfCreateEventsSeen = totalNumberOfCreateEventsSeen;
    }

    public Long getTotalNumberOfUpdateEventsSeen() {
        return totalNumberOfUpdateEventsSeen;
    }

    public void setTotalNumberOfUpdateEventsSeen(Long totalNumberOfUpdateEventsSeen) {
        this.totalNumberOfUpdateEventsSeen = totalNumberOfUpdateEventsSeen;
    }

    public Long getTotalNumberOfDeleteEventsSeen() {
        return totalNumberOfDeleteEventsSeen;
    }

    public void setTotalNumberOfDeleteEventsSeen(Long totalNumberOfDeleteEventsSeen) {
        this.totalNumberOfDeleteEventsSeen = totalNumberOfDeleteEventsSeen;
    }

    public Long getNumberOfEventsFiltered() {
        return numberOfEventsFiltered;
    }

    public void setNumberOfEventsFiltered(Long numberOfEventsFiltered) {
        this.numberOfEventsFiltered = numberOfEventsFiltered;
    }

    public List<String> getCapturedTables() {
        return capturedTables;
    }

    public void setCapturedTables(List<String> capturedTables) {
        this.capturedTables = capturedTables;
    }

    public Integer getQueueTotalCapacity() {
        return queueTotalCapacity;
    }

    public void setQueueTotalCapacity(Integer queueTotalCapacity) {
        this.queueTotalCapacity = queueTotalCapacity;
    }

    public Integer getQueueRemainingCapacity() {
        return queueRemainingCapacity;
    }

    public void setQueueRemainingCapacity(Integer queueRemainingCapacity) {
        this.queueRemainingCapacity = queueRemainingCapacity;
    }

    public Boolean getConnected() {
        return connected;
    }

    public void setConnected(Boolean connected) {
        this.connected = connected;
    }

    public Long getMilliSecondsBehindSource() {
        return milliSecondsBehindSource;
    }

    public void setMilliSecondsBehindSource(Long milliSecondsBehindSource) {
        this.milliSecondsBehindSource = milliSecondsBehindSource;
    }

    public Long getNumberOfCommittedTransactions() {
        return numberOfCommittedTransactions;
    }

    public void setNumberOfCommittedTransactions(Long numberOfCommittedTransactions) {
        this.numberOfCommittedTransactions = numberOfCommittedTransactions;
    }

    /** Position of the last event in the source (e.g. lsn, txId). */
    public Map<String, String> getSourceEventPosition() {
        return sourceEventPosition;
    }

    public void setSourceEventPosition(Map<String, String> sourceEventPosition) {
        this.sourceEventPosition = sourceEventPosition;
    }

    public String getLastTransactionId() {
        return lastTransactionId;
    }

    public void setLastTransactionId(String lastTransactionId) {
        this.lastTransactionId = lastTransactionId;
    }

    public Long getMaxQueueSizeInBytes() {
        return maxQueueSizeInBytes;
    }

    public void setMaxQueueSizeInBytes(Long maxQueueSizeInBytes) {
        this.maxQueueSizeInBytes = maxQueueSizeInBytes;
    }

    public Long getCurrentQueueSizeInBytes() {
        return currentQueueSizeInBytes;
    }

    public void setCurrentQueueSizeInBytes(Long currentQueueSizeInBytes) {
        this.currentQueueSizeInBytes = currentQueueSizeInBytes;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        StreamingStatus that = (StreamingStatus) o;
        return Objects.equals(lastEvent, that.lastEvent)
                && Objects.equals(milliSecondsSinceLastEvent, that.milliSecondsSinceLastEvent)
                && Objects.equals(totalNumberOfEventsSeen, that.totalNumberOfEventsSeen)
                && Objects.equals(totalNumberOfCreateEventsSeen, that.totalNumberOfCreateEventsSeen)
                && Objects.equals(totalNumberOfUpdateEventsSeen, that.totalNumberOfUpdateEventsSeen)
                && Objects.equals(totalNumberOfDeleteEventsSeen, that.totalNumberOfDeleteEventsSeen)
                && Objects.equals(numberOfEventsFiltered, that.numberOfEventsFiltered)
                && Objects.equals(capturedTables, that.capturedTables)
                && Objects.equals(queueTotalCapacity, that.queueTotalCapacity)
                && Objects.equals(queueRemainingCapacity, that.queueRemainingCapacity)
                && Objects.equals(connected, that.connected)
                && Objects.equals(milliSecondsBehindSource, that.milliSecondsBehindSource)
                && Objects.equals(numberOfCommittedTransactions, that.numberOfCommittedTransactions)
                && Objects.equals(sourceEventPosition, that.sourceEventPosition)
                && Objects.equals(lastTransactionId, that.lastTransactionId)
                && Objects.equals(maxQueueSizeInBytes, that.maxQueueSizeInBytes)
                && Objects.equals(currentQueueSizeInBytes, that.currentQueueSizeInBytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lastEvent, milliSecondsSinceLastEvent, totalNumberOfEventsSeen,
                totalNumberOfCreateEventsSeen, totalNumberOfUpdateEventsSeen, totalNumberOfDeleteEventsSeen,
                numberOfEventsFiltered, capturedTables, queueTotalCapacity, queueRemainingCapacity, connected,
                milliSecondsBehindSource, numberOfCommittedTransactions, sourceEventPosition, lastTransactionId,
                maxQueueSizeInBytes, currentQueueSizeInBytes);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "StreamingStatus{", "}");
        if (lastEvent != null) {
            fields.add("lastEvent=" + lastEvent);
        }
        if (milliSecondsSinceLastEvent != null) {
            fields.add("milliSecondsSinceLastEvent=" + milliSecondsSinceLastEvent);
        }
        if (totalNumberOfEventsSeen != null) {
            fields.add("totalNumberOfEventsSeen=" + totalNumberOfEventsSeen);
        }
        if (totalNumberOfCreateEventsSeen != null) {
            fields.add("totalNumberOfCreateEventsSeen=" + totalNumberOfCreateEventsSeen);
        }
        if (totalNumberOfUpdateEventsSeen != null) {
            fields.add("totalNumberOfUpdateEventsSeen=" + totalNumberOfUpdateEventsSeen);
        }
        if (totalNumberOfDeleteEventsSeen != null) {
            fields.add("totalNumberOfDeleteEventsSeen=" + totalNumberOfDeleteEventsSeen);
        }
        if (numberOfEventsFiltered != null) {
            fields.add("numberOfEventsFiltered=" + numberOfEventsFiltered);
        }
        if (capturedTables != null) {
            fields.add("capturedTables=" + capturedTables);
        }
        if (queueTotalCapacity != null) {
            fields.add("queueTotalCapacity=" + queueTotalCapacity);
        }
        if (queueRemainingCapacity != null) {
            fields.add("queueRemainingCapacity=" + queueRemainingCapacity);
        }
        if (connected != null) {
            fields.add("connected=" + connected);
        }
        if (milliSecondsBehindSource != null) {
            fields.add("milliSecondsBehindSource=" + milliSecondsBehindSource);
        }
        if (numberOfCommittedTransactions != null) {
            fields.add("numberOfCommittedTransactions=" + numberOfCommittedTransactions);
        }
        if (sourceEventPosition != null) {
            fields.add("sourceEventPosition=" + sourceEventPosition);
        }
        if (lastTransactionId != null) {
            fields.add("lastTransactionId=" + lastTransactionId);
        }
        if (maxQueueSizeInBytes != null) {
            fields.add("maxQueueSizeInBytes=" + maxQueueSizeInBytes);
        }
        if (currentQueueSizeInBytes != null) {
            fields.add("currentQueueSizeInBytes=" + currentQueueSizeInBytes);
        }
        return fields.toString();
    }
}
