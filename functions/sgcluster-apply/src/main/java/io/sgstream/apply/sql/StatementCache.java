package io.sgstream.apply.sql;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SQL text per statement shape, built once. The driver keeps a server-side prepared statement per SQL text and
 * connection (after {@code prepareThreshold} uses), so the same text means the same prepared statement.
 */
public final class StatementCache {

    private static final int MAX_SHAPES = 10_000;
    private final Map<StatementShape, String> texts = new ConcurrentHashMap<>();

    public String sql(StatementShape shape) {
        String sql = texts.get(shape);
        if (sql == null) {
            if (texts.size() >= MAX_SHAPES) {
                texts.clear(); // shapes come from event column sets: bound the memory a churning schema can take
            }
            sql = shape.sql();
            texts.put(shape, sql);
        }
        return sql;
    }
}
