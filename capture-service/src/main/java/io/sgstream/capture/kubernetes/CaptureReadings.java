package io.sgstream.capture.kubernetes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sgstream.capture.CaptureService;
import io.sgstream.event.Op;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the status shows beyond {@link io.sgstream.capture.CaptureStatus}: events per operation (the capture's
 * {@code sgstream.capture.events} counters), deliveries and delivery errors (the sink's counters: an event retried
 * counts as an error seen, as StackGres counts failed sends) and the tables captured (the publication's tables,
 * which is what the slot decodes).
 *
 * @param eventsByOp     change events emitted by this capture, per operation
 * @param capturedTables {@code schema.table} in the publication, empty if unknown
 * @param snapshotTables {@code schema.table} the initial snapshot reads: the capture's choice when it captures
 *                       partitioned tables (each row is read at one level of the tree), else the publication's tables
 * @param eventsSent     events the sink acknowledged
 * @param errorsSeen     failed sends (retried or final)
 */
public record CaptureReadings(Map<Op, Long> eventsByOp, List<String> capturedTables, List<String> snapshotTables,
                              long eventsSent, long errorsSeen) {

    public static final CaptureReadings NONE = new CaptureReadings(Map.of(), List.of(), 0, 0);

    public CaptureReadings {
        eventsByOp = Map.copyOf(eventsByOp);
        capturedTables = List.copyOf(capturedTables);
        snapshotTables = List.copyOf(snapshotTables);
    }

    public CaptureReadings(Map<Op, Long> eventsByOp, List<String> capturedTables, long eventsSent, long errorsSeen) {
        this(eventsByOp, capturedTables, capturedTables, eventsSent, errorsSeen);
    }

    public long events(Op op) {
        return eventsByOp.getOrDefault(op, 0L);
    }

    /** Reads the counters of {@code capture} and of the sink from {@code registry}, and the publication's tables. */
    public static CaptureReadings read(CaptureService capture, MeterRegistry registry) {
        return read(capture, registry, () -> publicationTables(capture).orElse(List.of()));
    }

    /** As {@link #read(CaptureService, MeterRegistry)}, with the tables from {@code tables} (e.g. cached). */
    public static CaptureReadings read(CaptureService capture, MeterRegistry registry,
                                       java.util.function.Supplier<List<String>> tables) {
        Map<Op, Long> byOp = new EnumMap<>(Op.class);
        String namespace = capture.config().stream().namespace();
        String name = capture.config().stream().name();
        for (Counter c : registry.find("sgstream.capture.events").tags("namespace", namespace, "stream", name)
                .counters()) {
            String code = c.getId().getTag("op");
            for (Op op : Op.values()) {
                if (op.code().equals(code)) {
                    byOp.merge(op, (long) c.count(), Long::sum);
                }
            }
        }
        long sent = (long) registry.find("sgstream.sink.events.sent").counters().stream()
                .mapToDouble(Counter::count).sum();
        long errors = (long) (registry.find("sgstream.sink.events.failed").counters().stream()
                .mapToDouble(Counter::count).sum()
                + registry.find("sgstream.sink.retries").counters().stream().mapToDouble(Counter::count).sum());
        List<String> published = tables.get();
        List<String> chosen = capture.snapshotTables();
        return new CaptureReadings(byOp, published, chosen.isEmpty() ? published : chosen, sent, errors);
    }

    /** The tables of the capture's publication, empty when the source cannot be asked. */
    public static Optional<List<String>> publicationTables(CaptureService capture) {
        try (Connection c = capture.config().source().connect("sgstream-status");
             PreparedStatement ps = c.prepareStatement("SELECT schemaname || '.' || tablename FROM "
                     + "pg_publication_tables WHERE pubname = ? ORDER BY 1")) {
            ps.setString(1, capture.config().publicationName());
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            return Optional.of(tables);
        } catch (SQLException e) {
            return Optional.empty(); // the source is unreachable: the status says so through Running/connected
        }
    }
}
