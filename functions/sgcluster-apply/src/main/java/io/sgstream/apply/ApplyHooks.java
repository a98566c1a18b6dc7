package io.sgstream.apply;

import io.sgstream.event.StreamId;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Points just before a staging or an apply transaction commits, for instrumentation and for tests that break the
 * connection at the worst moment (e.g. {@code pg_terminate_backend}) to prove nothing acknowledged is lost.
 */
public interface ApplyHooks {

    ApplyHooks NONE = new ApplyHooks() {
    };

    default void beforeStagingCommit(Connection connection) throws SQLException {
    }

    default void beforeApplyCommit(StreamId stream, Connection connection) throws SQLException {
    }
}
