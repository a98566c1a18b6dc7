package io.sgstream.api.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The metrics Debezium's snapshot and streaming report alike (its common event and queue meters), under the names
 * StackGres gives them in {@code status.snapshot} and {@code status.streaming}.
 */
public abstract class CaptureMetricsStatus {

    private String lastEvent;
    private Long milliSecondsSinceLastEvent;
    private Long totalNumberOfEventsSeen;
    private Long numberOfEventsFiltered;
    private List<String> capturedTables;
    private Integer queueTotalCapacity;
    private Integer queueRemainingCapacity;
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

    /** Every field, common ones first, by name: what equals, hashCode and toString compare and print. */
    private Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("lastEvent", lastEvent);
        fields.put("milliSecondsSinceLastEvent", milliSecondsSinceLastEvent);
        fields.put("totalNumberOfEventsSeen", totalNumberOfEventsSeen);
        fields.put("numberOfEventsFiltered", numberOfEventsFiltered);
        fields.put("capturedTables", capturedTables);
        fields.put("queueTotalCapacity", queueTotalCapacity);
        fields.put("queueRemainingCapacity", queueRemainingCapacity);
        fields.put("maxQueueSizeInBytes", maxQueueSizeInBytes);
        fields.put("currentQueueSizeInBytes", currentQueueSizeInBytes);
        addFields(fields);
        return fields;
    }

    /** Adds the subclass's own fields, by name. */
    protected abstract void addFields(Map<String, Object> fields);

    @Override
    public boolean equals(Object o) {
        return this == o || o != null && getClass() == o.getClass()
                && fields().equals(((CaptureMetricsStatus) o).fields());
    }

    @Override
    public int hashCode() {
        return fields().hashCode();
    }

    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(", ", getClass().getSimpleName() + "{", "}");
        fields().forEach((name, value) -> {
            if (value != null) {
                out.add(name + "=" + value);
            }
        });
        return out.toString();
    }
}
