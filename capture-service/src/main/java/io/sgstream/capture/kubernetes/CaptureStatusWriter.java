package io.sgstream.capture.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreamStatus;
import io.sgstream.api.status.EventsStatus;
import io.sgstream.api.status.SnapshotStatus;
import io.sgstream.api.status.StreamCondition;
import io.sgstream.api.status.StreamingStatus;
import io.sgstream.capture.CaptureState;
import io.sgstream.capture.CaptureStatus;
import io.sgstream.event.Op;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Writes the capture service's part of its SGStream's status, with StackGres's field names: the {@code Running}
 * condition while capturing (True in SNAPSHOT/STREAMING, False once stopped or failed; untouched while starting or
 * stopping, when the controller's view of the Deployment is as good), a runtime {@code Failed} condition with
 * {@code failure}, {@code Completed} after a tombstone, and the {@code snapshot} and {@code streaming} sections.
 *
 * <p>Like the controller, it writes a JSON patch (RFC 6902) of the status subresource that touches only those
 * members and sets {@code metadata.resourceVersion} to the version read: a concurrent write by the controller (or the
 * signals function) makes the API server answer 409, after which the stream is read again and the patch recomputed.
 * Nothing is written when nothing changed.
 */
public final class CaptureStatusWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureStatusWriter.class);
    static final int MAX_ATTEMPTS = 10;
    /** Completed=Unknown with this reason: a tombstone was acknowledged, the slot may not be dropped yet. */
    public static final String REASON_TOMBSTONE_ACKNOWLEDGED = "TombstoneAcknowledged";

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final Clock clock;
    private volatile ScheduledExecutorService timer;

    public CaptureStatusWriter(KubernetesClient client, String namespace, String name, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Writes {@code status} now and then every {@code interval} until {@link #close()}; errors are logged. */
    public void start(Supplier<CaptureStatus> status, Duration interval) {
        start(status, () -> CaptureReadings.NONE, interval);
    }

    /** As {@link #start(Supplier, Duration)}, with the counters and tables of {@code readings}. */
    public synchronized void start(Supplier<CaptureStatus> status, Supplier<CaptureReadings> readings,
                                   Duration interval) {
        if (timer != null) {
            throw new IllegalStateException("status writer of " + namespace + "/" + name + " already started");
        }
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "sgstream-status-" + name);
            thread.setDaemon(true);
            return thread;
        });
        timer = t;
        long millis = Math.max(1, interval.toMillis());
        t.scheduleWithFixedDelay(() -> {
            try {
                write(status.get(), readings.get());
            } catch (RuntimeException e) {
                LOG.warn("Cannot write the status of SGStream {}/{} (retried in {}): {}", namespace, name, interval,
                        e.getMessage());
            }
        }, 0, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops the periodic writes (waiting for one in progress); idempotent. */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = timer;
        }
        if (t != null) {
            t.shutdown();
            try {
                t.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes the conditions and sections {@code status} determines.
     *
     * @return the stream after the write (or as read when nothing changed), null when it no longer exists
     */
    public SGStream write(CaptureStatus status) {
        return write(status, CaptureReadings.NONE);
    }

    /**
     * Writes the conditions and sections {@code status} and {@code readings} determine: {@code snapshot},
     * {@code streaming} and {@code events}, a stale {@code failure} removed once capturing again.
     *
     * @return the stream after the write (or as read when nothing changed), null when it no longer exists
     */
    public SGStream write(CaptureStatus status, CaptureReadings readings) {
        return patch(current -> {
            SGStreamStatus before = current.getStatus() == null ? new SGStreamStatus() : current.getStatus();
            SGStreamStatus next = new SGStreamStatus();
            next.setConditions(before.getConditions());
            String now = now();
            CaptureState state = status.state();
            if (state == CaptureState.SNAPSHOT || state == CaptureState.STREAMING) {
                put(next, StreamCondition.RUNNING, StreamCondition.TRUE, StreamCondition.REASON_RUNNING,
                        state == CaptureState.SNAPSHOT ? "capturing the initial snapshot" : "streaming changes", now);
                // a runtime failure of an earlier run (ours: OperationFailed) is over; InvalidSpec etc. are not ours
                before.condition(StreamCondition.FAILED)
                        .filter(c -> StreamCondition.REASON_FAILED.equals(c.getReason())
                                && StreamCondition.TRUE.equals(c.getStatus()))
                        .ifPresent(c -> put(next, StreamCondition.FAILED, StreamCondition.FALSE,
                                StreamCondition.REASON_NOT_FAILED, "capturing again", now));
            } else if (state == CaptureState.STOPPED || state == CaptureState.FAILED) {
                put(next, StreamCondition.RUNNING, StreamCondition.FALSE, StreamCondition.REASON_NOT_RUNNING,
                        "capture " + state.name().toLowerCase(java.util.Locale.ROOT), now);
            }
            if (state == CaptureState.FAILED) {
                String failure = status.failure() == null ? "the capture failed" : status.failure();
                put(next, StreamCondition.FAILED, StreamCondition.TRUE, StreamCondition.REASON_FAILED, failure, now);
                next.setFailure(failure);
            }
            boolean capturing = state == CaptureState.SNAPSHOT || state == CaptureState.STREAMING;
            // a failure text left by an earlier run is stale once capturing again (the controller's own failures,
            // InvalidSpec and DependencyNotFound, keep the capture from starting at all)
            boolean foreignFailure = before.condition(StreamCondition.FAILED)
                    .filter(c -> StreamCondition.TRUE.equals(c.getStatus())
                            && !StreamCondition.REASON_FAILED.equals(c.getReason())).isPresent();
            boolean clearFailure = capturing && before.getFailure() != null && !foreignFailure;
            SnapshotStatus snapshot = new SnapshotStatus();
            snapshot.setSnapshotCompleted(status.snapshotCompleted());
            snapshot.setSnapshotRunning(state == CaptureState.SNAPSHOT);
            snapshot.setRowsScanned(new TreeMap<>(status.snapshotRows()));
            if (readings != CaptureReadings.NONE) {
                snapshot.setTotalNumberOfEventsSeen(readings.events(Op.READ));
                if (!readings.snapshotTables().isEmpty()) {
                    snapshot.setCapturedTables(readings.snapshotTables());
                    snapshot.setTotalTableCount(readings.snapshotTables().size());
                }
            }
            next.setSnapshot(snapshot);
            StreamingStatus streaming = new StreamingStatus();
            streaming.setConnected(state == CaptureState.SNAPSHOT || state == CaptureState.STREAMING);
            streaming.setTotalNumberOfEventsSeen(status.eventsCaptured());
            streaming.setNumberOfCommittedTransactions(status.transactions());
            if (status.lagMillis() >= 0) {
                streaming.setMilliSecondsBehindSource(status.lagMillis());
            }
            if (status.epoch() != null && status.acknowledgedTxSeq() >= 0) {
                // the contract's position (epoch, txseq) of the last transaction the sink acknowledged in full
                streaming.setSourceEventPosition(new TreeMap<>(Map.of("epoch", status.epoch(),
                        "txSeq", Long.toString(status.acknowledgedTxSeq()))));
            }
            EventsStatus events = null;
            if (readings != CaptureReadings.NONE) {
                streaming.setTotalNumberOfCreateEventsSeen(readings.events(Op.CREATE));
                streaming.setTotalNumberOfUpdateEventsSeen(readings.events(Op.UPDATE));
                streaming.setTotalNumberOfDeleteEventsSeen(readings.events(Op.DELETE));
                if (!readings.capturedTables().isEmpty()) {
                    streaming.setCapturedTables(readings.capturedTables());
                }
                events = new EventsStatus();
                events.setTotalNumberOfEventsSent(readings.eventsSent());
                events.setTotalNumberOfErrorsSeen(readings.errorsSeen());
                events.setLastEventWasSent(readings.eventsSent() > 0 && state != CaptureState.FAILED);
                if (streaming.getSourceEventPosition() != null) {
                    events.setLastEventSent(status.epoch() + "/" + status.acknowledgedTxSeq());
                }
                if (state == CaptureState.FAILED && status.failure() != null) {
                    events.setLastErrorSeen(status.failure());
                }
                next.setEvents(events);
            }
            next.setStreaming(streaming);
            boolean unchanged = Objects.equals(before.getConditions(), next.getConditions())
                    && Objects.equals(before.getSnapshot(), snapshot)
                    && Objects.equals(before.getStreaming(), streaming)
                    && (events == null || Objects.equals(before.getEvents(), events))
                    && (next.getFailure() == null || next.getFailure().equals(before.getFailure()))
                    && !clearFailure;
            return unchanged ? null : new Owned(next, clearFailure);
        });
    }

    /** After a tombstone: {@code Completed=True} and {@code Running=False}, StackGres's reasons. */
    public SGStream completed(String message) {
        return patch(current -> {
            SGStreamStatus next = new SGStreamStatus();
            next.setConditions(current.getStatus() == null ? null : current.getStatus().getConditions());
            String now = now();
            put(next, StreamCondition.COMPLETED, StreamCondition.TRUE, StreamCondition.REASON_COMPLETED, message, now);
            put(next, StreamCondition.RUNNING, StreamCondition.FALSE, StreamCondition.REASON_NOT_RUNNING, message, now);
            return new Owned(next, false);
        });
    }

    /**
     * Records, before anything is torn down, that a tombstone was acknowledged: {@code Completed=Unknown} (reason
     * {@value #REASON_TOMBSTONE_ACKNOWLEDGED}). A capture service that restarts before the stream is Completed
     * finds it there and completes the tombstone instead of capturing ({@link #tombstonePending(SGStream)}).
     */
    public SGStream tombstoneAcknowledged(String message) {
        return patch(current -> {
            SGStreamStatus next = new SGStreamStatus();
            next.setConditions(current.getStatus() == null ? null : current.getStatus().getConditions());
            put(next, StreamCondition.COMPLETED, StreamCondition.UNKNOWN, REASON_TOMBSTONE_ACKNOWLEDGED, message,
                    now());
            return new Owned(next, false);
        });
    }

    /** Whether a tombstone was acknowledged and the stream not yet marked Completed. */
    public static boolean tombstonePending(SGStream stream) {
        return stream.getStatus() != null && stream.getStatus().condition(StreamCondition.COMPLETED)
                .filter(c -> StreamCondition.UNKNOWN.equals(c.getStatus())
                        && REASON_TOMBSTONE_ACKNOWLEDGED.equals(c.getReason())).isPresent();
    }

    /** Whether a tombstone completed the stream. */
    public static boolean completed(SGStream stream) {
        return stream.getStatus() != null && stream.getStatus().condition(StreamCondition.COMPLETED)
                .filter(c -> StreamCondition.TRUE.equals(c.getStatus())).isPresent();
    }

    /** The members to write, and whether to remove a stale {@code failure}. */
    private record Owned(SGStreamStatus status, boolean removeFailure) {
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Sets a condition, keeping its transition time when its status does not change. */
    private static void put(SGStreamStatus status, String type, String value, String reason, String message,
                            String now) {
        String since = status.condition(type).filter(c -> value.equals(c.getStatus()))
                .map(StreamCondition::getLastTransitionTime).orElse(now);
        status.putCondition(StreamCondition.of(type, value, reason, message, since));
    }

    /**
     * Reads the stream, asks {@code next} for the owned members to write (null: nothing to write) and patches them,
     * again on a conflict.
     */
    private SGStream patch(Function<SGStream, Owned> next) {
        Resource<SGStream> resource = client.resources(SGStream.class).inNamespace(namespace).withName(name);
        SGStream current = resource.get();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && current != null; attempt++) {
            Owned owned = next.apply(current);
            if (owned == null) {
                return current;
            }
            try {
                return resource.subresource("status").patch(PatchContext.of(PatchType.JSON), ops(current, owned));
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                current = resource.get();
            }
        }
        if (current == null) {
            return null;
        }
        throw new KubernetesClientException("status of SGStream " + namespace + "/" + name + " kept changing; "
                + "it is written again later");
    }

    private String ops(SGStream current, Owned write) {
        SGStreamStatus owned = write.status();
        ArrayNode ops = JsonNodeFactory.instance.arrayNode();
        ops.addObject().put("op", "replace").put("path", "/metadata/resourceVersion")
                .put("value", current.getMetadata().getResourceVersion());
        ObjectNode members = client.getKubernetesSerialization().convertValue(owned, ObjectNode.class);
        if (current.getStatus() == null) {
            ops.addObject().put("op", "add").put("path", "/status").set("value", members);
            return ops.toString();
        }
        members.fields().forEachRemaining(member -> {
            JsonNode value = member.getValue();
            ops.addObject().put("op", "add").put("path", "/status/" + member.getKey()).set("value", value);
        });
        if (write.removeFailure() && current.getStatus().getFailure() != null) {
            ops.addObject().put("op", "remove").put("path", "/status/failure");
        }
        return ops.toString();
    }
}
