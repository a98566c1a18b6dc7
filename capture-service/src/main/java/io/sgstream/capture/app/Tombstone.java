package io.sgstream.capture.app;

import io.sgstream.api.SGStream;
import io.sgstream.api.spec.SourceSection;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.CaptureState;
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
     * through {@code status} (after a last write of the capture's own status) when given.
     */
    public static void finish(CaptureService capture, boolean keepSlot, Optional<CaptureStatusWriter> status) {
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
            writer.write(capture.status());
            writer.completed(message);
        });
    }
}
