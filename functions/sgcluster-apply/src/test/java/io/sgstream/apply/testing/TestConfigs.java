package io.sgstream.apply.testing;

import io.sgstream.apply.ApplyConfig;
import io.sgstream.apply.prepare.TargetPreparation;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.PostgresEndpoint;
import io.sgstream.event.StreamId;
import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.PostgresServer;

import java.time.Duration;
import java.util.List;

/**
 * Settings for tests: an apply target with a short drain interval so background work follows quickly, and for the
 * end-to-end tests a real capture of a source database with short commit and heartbeat intervals, and StackGres's
 * default target preparation for it.
 */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static ApplyConfig target(PostgresExtension pg, String database) {
        return ApplyConfig.forTarget(pg.jdbcUrl(database), PostgresServer.USER, PostgresServer.PASSWORD)
                .withDrainInterval(Duration.ofMillis(100));
    }

    /** A capture of the tables matching {@code tableIncludeList} in {@code database}; add settings, then build. */
    public static CaptureConfig.Builder capture(PostgresExtension pg, StreamId stream, String database, String tableIncludeList) {
        return CaptureConfig.builder(stream, new PostgresEndpoint(pg.server().host(), pg.server().port(), database,
                        PostgresServer.USER, PostgresServer.PASSWORD))
                .tableIncludeList(tableIncludeList)
                .commitInterval(Duration.ofMillis(200))
                .heartbeatInterval(Duration.ofSeconds(1))
                .lagPollInterval(Duration.ofMillis(500))
                .stopTimeout(Duration.ofSeconds(5));
    }

    /** StackGres's default preparation (DDL import, deferral) of the target for the tables the capture includes. */
    public static TargetPreparation preparation(PostgresExtension pg, String sourceDatabase, String tableIncludeList) {
        return TargetPreparation.stackGresDefaults(new TargetPreparation.SourceDatabase(pg.jdbcUrl(sourceDatabase),
                PostgresServer.USER, PostgresServer.PASSWORD), List.of(tableIncludeList), null);
    }
}
