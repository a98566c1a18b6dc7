package io.sgstream.api.status;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * {@code status.snapshot}: progress of the initial (or incremental) snapshot, named after Debezium's snapshot
 * metrics.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Status is written by machines: ignore fields a newer writer added instead of failing.
@JsonIgnoreProperties(ignoreUnknown = true)
public class SnapshotStatus {

    private String lastEvent;
    private Long milliSecondsSinceLastEvent;
    private Long totalNumberOfEventsSeen;
    private Long numberOfEventsFiltered;
    private List<String> capturedTables;
    private Integer queueTotalCapacity;
    private Integer queueRemainingCapacity;
    private Integer totalTableCount;
    private Integer remainingTableCount;
    private Boolean snapshotRunning;
    private Boolean snapshotPaused;
    private Boolean snapshotAborted;
    private Boolean snapshotCompleted;
    private Long snapshotDurationInSeconds;
    private Long snapshotPausedDurationInSeconds;
    private Map<String, Long> rowsScanned;
    private Long maxQueueSizeInBytes;
    private Long currentQueueSizeInBytes;
    private String chunkId;
    private String chunkFrom;
    private String chunkTo;
    private String tableFrom;
    private String tableTo;

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

    public Integer getTotalTableCount() {
        return totalTableCount;
    }

    public void setTotalTableCount(Integer totalTableCount) {
        this.totalTableCount = totalTableCount;
    }

    public Integer getRemainingTableCount() {
        return remainingTableCount;
    }

    public void setRemainingTableCount(Integer remainingTableCount) {
        this.remainingTableCount = remainingTableCount;
    }

    public Boolean getSnapshotRunning() {
        return snapshotRunning;
    }

    public void setSnapshotRunning(Boolean snapshotRunning) {
        this.snapshotRunning = snapshotRunning;
    }

    public Boolean getSnapshotPaused() {
        return snapshotPaused;
    }

    public void setSnapshotPaused(Boolean snapshotPaused) {
        this.snapshotPaused = snapshotPaused;
    }

    public Boolean getSnapshotAborted() {
        return snapshotAborted;
    }

    public void setSnapshotAborted(Boolean snapshotAborted) {
        this.snapshotAborted = snapshotAborted;
    }

    public Boolean getSnapshotCompleted() {
        return snapshotCompleted;
    }

    public void setSnapshotCompleted(Boolean snapshotCompleted) {
        this.snapshotCompleted = snapshotCompleted;
    }

    public Long getSnapshotDurationInSeconds() {
        return snapshotDurationInSeconds;
    }

    public void setSnapshotDurationInSeconds(Long snapshotDurationInSeconds) {
        this.snapshotDurationInSeconds = snapshotDurationInSeconds;
    }

    public Long getSnapshotPausedDurationInSeconds() {
        return snapshotPausedDurationInSeconds;
    }

    public void setSnapshotPausedDurationInSeconds(Long snapshotPausedDurationInSeconds) {
        this.snapshotPausedDurationInSeconds = snapshotPausedDurationInSeconds;
    }

    /** Rows scanned so far by table ({@code <schema>.<table>}). */
    public Map<String, Long> getRowsScanned() {
        return rowsScanned;
    }

    public void setRowsScanned(Map<String, Long> rowsScanned) {
        this.rowsScanned = rowsScanned;
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

    public String getChunkId() {
        return chunkId;
    }

    public void setChunkId(String chunkId) {
        this.chunkId = chunkId;
    }

    public String getChunkFrom() {
        return chunkFrom;
    }

    public void setChunkFrom(String chunkFrom) {
        this.chunkFrom = chunkFrom;
    }

    public String getChunkTo() {
        return chunkTo;
    }

    public void setChunkTo(String chunkTo) {
        this.chunkTo = chunkTo;
    }

    public String getTableFrom() {
        return tableFrom;
    }

    public void setTableFrom(String tableFrom) {
        this.tableFrom = tableFrom;
    }

    public String getTableTo() {
        return tableTo;
    }

    public void setTableTo(String tableTo) {
        this.tableTo = tableTo;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        SnapshotStatus that = (SnapshotStatus) o;
        return Objects.equals(lastEvent, that.lastEvent)
                && Objects.equals(milliSecondsSinceLastEvent, that.milliSecondsSinceLastEvent)
                && Objects.equals(totalNumberOfEventsSeen, that.totalNumberOfEventsSeen)
                && Objects.equals(numberOfEventsFiltered, that.numberOfEventsFiltered)
                && Objects.equals(capturedTables, that.capturedTables)
                && Objects.equals(queueTotalCapacity, that.queueTotalCapacity)
                && Objects.equals(queueRemainingCapacity, that.queueRemainingCapacity)
                && Objects.equals(totalTableCount, that.totalTableCount)
                && Objects.equals(remainingTableCount, that.remainingTableCount)
                && Objects.equals(snapshotRunning, that.snapshotRunning)
                && Objects.equals(snapshotPaused, that.snapshotPaused)
                && Objects.equals(snapshotAborted, that.snapshotAborted)
                && Objects.equals(snapshotCompleted, that.snapshotCompleted)
                && Objects.equals(snapshotDurationInSeconds, that.snapshotDurationInSeconds)
                && Objects.equals(snapshotPausedDurationInSeconds, that.snapshotPausedDurationInSeconds)
                && Objects.equals(rowsScanned, that.rowsScanned)
                && Objects.equals(maxQueueSizeInBytes, that.maxQueueSizeInBytes)
                && Objects.equals(currentQueueSizeInBytes, that.currentQueueSizeInBytes)
                && Objects.equals(chunkId, that.chunkId)
                && Objects.equals(chunkFrom, that.chunkFrom)
                && Objects.equals(chunkTo, that.chunkTo)
                && Objects.equals(tableFrom, that.tableFrom)
                && Objects.equals(tableTo, that.tableTo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lastEvent, milliSecondsSinceLastEvent, totalNumberOfEventsSeen, numberOfEventsFiltered,
                capturedTables, queueTotalCapacity, queueRemainingCapacity, totalTableCount, remainingTableCount,
                snapshotRunning, snapshotPaused, snapshotAborted, snapshotCompleted, snapshotDurationInSeconds,
                snapshotPausedDurationInSeconds, rowsScanned, maxQueueSizeInBytes, currentQueueSizeInBytes, chunkId,
                chunkFrom, chunkTo, tableFrom, tableTo);
    }

    @Override
    public String toString() {
        StringJoiner fields = new StringJoiner(", ", "SnapshotStatus{", "}");
        if (lastEvent != null) {
            fields.add("lastEvent=" + lastEvent);
        }
        if (milliSecondsSinceLastEvent != null) {
            fields.add("milliSecondsSinceLastEvent=" + milliSecondsSinceLastEvent);
        }
        if (totalNumberOfEventsSeen != null) {
            fields.add("totalNumberOfEventsSeen=" + totalNumberOfEventsSeen);
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
        if (totalTableCount != null) {
            fields.add("totalTableCount=" + totalTableCount);
        }
        if (remainingTableCount != null) {
            fields.add("remainingTableCount=" + remainingTableCount);
        }
        if (snapshotRunning != null) {
            fields.add("snapshotRunning=" + snapshotRunning);
        }
        if (snapshotPaused != null) {
            fields.add("snapshotPaused=" + snapshotPaused);
        }
        if (snapshotAborted != null) {
            fields.add("snapshotAborted=" + snapshotAborted);
        }
        if (snapshotCompleted != null) {
            fields.add("snapshotCompleted=" + snapshotCompleted);
        }
        if (snapshotDurationInSeconds != null) {
            fields.add("snapshotDurationInSeconds=" + snapshotDurationInSeconds);
        }
        if (snapshotPausedDurationInSeconds != null) {
            fields.add("snapshotPausedDurationInSeconds=" + snapshotPausedDurationInSeconds);
        }
        if (rowsScanned != null) {
            fields.add("rowsScanned=" + rowsScanned);
        }
        if (maxQueueSizeInBytes != null) {
            fields.add("maxQueueSizeInBytes=" + maxQueueSizeInBytes);
        }
        if (currentQueueSizeInBytes != null) {
            fields.add("currentQueueSizeInBytes=" + currentQueueSizeInBytes);
        }
        if (chunkId != null) {
            fields.add("chunkId=" + chunkId);
        }
        if (chunkFrom != null) {
            fields.add("chunkFrom=" + chunkFrom);
        }
        if (chunkTo != null) {
            fields.add("chunkTo=" + chunkTo);
        }
        if (tableFrom != null) {
            fields.add("tableFrom=" + tableFrom);
        }
        if (tableTo != null) {
            fields.add("tableTo=" + tableTo);
        }
        return fields.toString();
    }
}
