package io.sgstream.capture.app;

import io.sgstream.api.SGStream;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.kubernetes.CaptureEvents;
import io.sgstream.capture.kubernetes.CaptureStatusWriter;
import io.sgstream.capture.kubernetes.KubernetesStream;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.function.Function;

/**
 * What a new holder of the Lease captures, decided on the stream as the API has it now (not as it was when the pod
 * started): nothing once Completed; a tombstone acknowledged before a restart is completed first (slot and
 * publication dropped unless kept, then Completed); otherwise a new capture, resuming after the committed position.
 */
public final class CaptureTerms {

    private static final Logger LOG = Logger.getLogger(CaptureTerms.class);

    private CaptureTerms() {
    }

    public static Optional<CaptureService> next(KubernetesStream kubernetes, Function<SGStream, CaptureService> make,
                                                CaptureEvents events) {
        SGStream stream = kubernetes.read();
        if (CaptureStatusWriter.completed(stream)) {
            LOG.warnf("%s is Completed (tombstone): not capturing", kubernetes);
            return Optional.empty();
        }
        if (CaptureStatusWriter.tombstonePending(stream)) {
            Tombstone.resume(make.apply(stream), Tombstone.keepsSlot(stream), Optional.of(kubernetes.statusWriter()),
                    Optional.of(events));
            return Optional.empty();
        }
        return Optional.of(make.apply(stream));
    }
}
