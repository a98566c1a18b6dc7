package io.sgstream.apply.testing;

import io.sgstream.apply.ApplyConfig;
import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.PostgresServer;

import java.time.Duration;

/** Apply settings for a test target: a short drain interval so background work follows quickly. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public static ApplyConfig target(PostgresExtension pg, String database) {
        return ApplyConfig.forTarget(pg.jdbcUrl(database), PostgresServer.USER, PostgresServer.PASSWORD)
                .withDrainInterval(Duration.ofMillis(100));
    }
}
