package io.sgstream.capture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Polls how many WAL bytes the slot is behind the server ({@code pg_current_wal_lsn() - confirmed_flush_lsn}), on a
 * connection of its own, every few seconds: it grows when the sink is slow or the capture is down, and it is what
 * the server keeps on disk for us.
 */
final class SlotLagProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlotLagProbe.class);
    private static final String QUERY = "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint "
            + "FROM pg_replication_slots WHERE slot_name = ?";

    private final PostgresEndpoint source;
    private final String slot;
    private final LongConsumer lagBytes;
    private final ScheduledExecutorService timer;
    private Connection connection;

    SlotLagProbe(PostgresEndpoint source, String slot, Duration interval, LongConsumer lagBytes) {
        this.source = source;
        this.slot = slot;
        this.lagBytes = lagBytes;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sgstream-lag-" + slot);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            if (connection == null || connection.isClosed()) {
                connection = source.connect("sgstream-capture-lag");
            }
            try (PreparedStatement ps = connection.prepareStatement(QUERY)) {
                ps.setString(1, slot);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        lagBytes.accept(-1);
                    } else {
                        long lag = rs.getLong(1);
                        lagBytes.accept(rs.wasNull() ? -1 : lag);
                    }
                }
            }
        } catch (SQLException e) {
            LOG.debug("Cannot read the lag of slot {}: {}", slot, e.getMessage());
            lagBytes.accept(-1);
            closeConnection();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // broken already
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
