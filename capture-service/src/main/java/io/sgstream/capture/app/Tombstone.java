package io.sgstream.capture.app;

import io.sgstream.api.SGStream;
import io.sgstream.api.spec.SourceSection;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.CaptureState;
import io.sgstream.capture.kubernetes.CaptureEvents;
import io.sgstream.capture.kubernetes.CaptureStatusWriter;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * What follows an acknowledged tombstone: the capture stops, its replication slot and publication are dropped
 * (unless the source says {@code skipDropReplicationSlotAndPublicationOnTombstone: true}) and, in Kubernetes mode,
 * the stream's status says {@code Completed=True}, {@code Running=False}.
 */
public final class Tombstone {

    private static final Logger LOG = Logger.getLogger(Tombstone.class);

    private Tombstone() {
    }

    /** Whether the stream keeps its slot and publication after a tombstone. */
    public static boolean keepsSlot(SGStream stream) {
        return stream.getSpec() != null && stream.getSpec().getSource() != null
                && stream.getSpec().getSource().activeSection()
                .map(SourceSection::getSkipDropReplicationSlotAndPublicationOnTombstone)
                .map(Boolean.TRUE::equals).orElse(false);
    }

    /**
     * Stops {@code capture}, drops its slot and publication unless {@code keepSlot}, then marks the stream completed
     * through {@code status} (after a last write of the capture's own status) when given. Before anything is torn
     * down, {@code Completed=Unknown} ({@code TombstoneAcknowledged}) is written: a restart in between finds it and
     * finishes the job ({@link #resume}).
     */
    public static void finish(CaptureService capture, boolean keepSlot, Optional<CaptureStatusWriter> status) {
        finish(capture, keepSlot, status, Optional.empty());
    }

    /** As {@link #finish(CaptureService, boolean, Optional)}, recording {@code StreamCompleted} in {@code events}. */
    public static void finish(CaptureService capture, boolean keepSlot, Optional<CaptureStatusWriter> status,
                              Optional<CaptureEvents> events) {
        status.ifPresent(writer -> writer.tombstoneAcknowledged("tombstone signal acknowledged; completing"));
        complete(capture, keepSlot, status, events, true);
    }

    /**
     * Completes a tombstone acknowledged before a restart ({@link CaptureStatusWriter#tombstonePending}):
     * {@code capture} is a capture of the stream that was never started; its slot and publication are dropped unless
     * {@code keepSlot}, and the stream is marked Completed.
     */
    public static void resume(CaptureService capture, boolean keepSlot, Optional<CaptureStatusWriter> status,
                              Optional<CaptureEvents> events) {
        LOG.infof("Stream %s: a tombstone was acknowledged before this start; completing it",
                capture.config().stream());
        // the status of the run that acknowledged it stays: this capture never ran
        complete(capture, keepSlot, status, events, false);
    }

    private static void complete(CaptureService capture, boolean keepSlot, Optional<CaptureStatusWriter> status,
                                 Optional<CaptureEvents> events, boolean finalStatus) {
        capture.stop();
        if (capture.state() != CaptureState.STOPPED) {
            LOG.errorf("Stream %s: the capture ended %s after the tombstone; its slot is kept and the stream is not "
                    + "marked completed", capture.config().stream(), capture.state());
            return;
        }
        String message;
        if (keepSlot) {
            message = "tombstone signal acknowledged; replication slot and publication kept "
                    + "(skipDropReplicationSlotAndPublicationOnTombstone)";
        } else {
            capture.dropSlotAndPublication();
            message = "tombstone signal acknowledged; replication slot and publication dropped";
        }
        LOG.infof("Stream %s completed: %s", capture.config().stream(), message);
        status.ifPresent(writer -> {
            writer.close();
            if (finalStatus) {
                writer.write(capture.status());
            }
            writer.completed(message);
        });
        events.ifPresent(e -> e.normal(CaptureEvents.COMPLETED, message));
    }
}
