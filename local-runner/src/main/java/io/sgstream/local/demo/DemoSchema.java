package io.sgstream.local.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo database: accounts whose transfers keep the total balance constant (so a torn transaction on the
 * target shows), orders with arrays and jsonb, and documents with large TOASTed bodies.
 */
public final class DemoSchema {

    private DemoSchema() {
    }

    public static void create(Connection c, int accounts) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id serial PRIMARY KEY, owner text NOT NULL,"
                    + " balance numeric(14,2) NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
            s.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, account_id int NOT NULL, status text NOT NULL,"
                    + " amount numeric(12,2), tags text[], details jsonb, created_at timestamptz NOT NULL DEFAULT now())");
            s.execute("CREATE TABLE documents (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), title text NOT NULL,"
                    + " body text, digest bytea)");
            s.execute("INSERT INTO accounts (owner, balance) SELECT 'owner ' || i, 1000 FROM generate_series(1, " + accounts + ") i");
            s.execute("INSERT INTO orders (account_id, status, amount, tags, details) SELECT 1 + i % " + accounts
                    + ", 'new', (i % 997) + 0.99, ARRAY['t' || (i % 7), 'x'], jsonb_build_object('n', i, 'gift', i % 5 = 0)"
                    + " FROM generate_series(1, " + (3 * accounts) + ") i");
            // bodies above the TOAST threshold: updates of other columns leave them unchanged in the WAL
            s.execute("INSERT INTO documents (title, body, digest) SELECT 'doc ' || i,"
                    + " repeat(md5(i::text), 400 + i % 800), decode(md5(i::text), 'hex') FROM generate_series(1, "
                    + Math.max(10, accounts / 50) + ") i");
        }
    }
}
