package io.sgstream.local.wiring;

import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.engine.StreamPosition;
import io.sgstream.capture.offsets.CommittedOffsets;
import io.sgstream.capture.offsets.OffsetStoreSettings;
import io.sgstream.event.StreamId;

import java.util.Map;
import java.util.Optional;

/**
 * Whether a run continues a stream an earlier run (possibly killed) started: the capture's committed offset, read
 * the way the engine reads it. Said up front, because a resumed stream takes no new snapshot.
 */
public final class StreamResume {

    private StreamResume() {
    }

    /** The last transaction the capture committed for this stream, or empty for a new stream. */
    public static Optional<StreamPosition> committed(CaptureConfig config) {
        return CommittedOffsets.read(config.offsets(), config.stream().toString(), config.engineName(),
                Map.of("server", config.engineName())).flatMap(StreamPosition::fromOffset);
    }

    public static String notice(StreamId id, StreamPosition position, CaptureConfig config) {
        OffsetStoreSettings offsets = config.offsets();
        String where = offsets.kind() == OffsetStoreSettings.Kind.JDBC
                ? offsets.table() + (offsets.database().equals(config.source()) ? " of the source" : " of " + offsets.database().address())
                : String.valueOf(offsets.file());
        return String.format("  RESUMING stream %s: the capture committed up to transaction %,d (epoch %s, offsets in %s);"
                + " no new snapshot. Changes after it are captured again; the target skips what it already has.",
                id, position.txSeq(), position.epoch(), where);
    }
}
