package io.sgstream.apply.db;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Sorts failures into transient ones (retry the same work later: nothing is wrong with the data) and permanent
 * ones (retrying the same events gives the same error: the stream must stop and say why).
 */
public final class SqlFailures {

    private SqlFailures() {
    }

    public static boolean isTransient(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLTransientException || c instanceof SQLRecoverableException || c instanceof IOException) {
                return true;
            }
            if (c instanceof SQLException e && e.getSQLState() != null) {
                String state = e.getSQLState();
                if (state.startsWith("08")        // connection exception
                        || state.equals("40001") || state.equals("40P01") // serialization failure, deadlock
                        || state.equals("40003")  // statement completion unknown
                        || state.startsWith("53") // insufficient resources
                        || state.startsWith("57") // operator intervention: shutdown, terminated, cancelled
                        || state.startsWith("58") // system error (I/O)
                        || state.equals("55P03")  // lock not available
                        || state.equals("25P03")) { // idle in transaction timeout
                    return true;
                }
            }
        }
        return false;
    }

    /** The connection itself is gone or unusable: close it rather than give it back. */
    public static boolean isConnectionLoss(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return true;
            }
            if (c instanceof SQLException e && e.getSQLState() != null
                    && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** The most telling message of a failure chain, for statuses and HTTP reasons. */
    public static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }
}
