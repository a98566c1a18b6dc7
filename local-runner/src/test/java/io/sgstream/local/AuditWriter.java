package io.sgstream.local;

import io.sgstream.testing.BackgroundWriter;
import io.sgstream.testing.PostgresServer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;

/**
 * A source workload whose every transaction can be found again on the target: transaction n inserts audit row n
 * and moves money between two accounts (the total never changes), plus any statements {@code more} gives for n.
 * {@link #committed()} counts only committed transactions, so a target holding rows 1..committed exactly once, and
 * the same total, lost and duplicated nothing. Tables: {@link #SCHEMA}.
 */
final class AuditWriter extends BackgroundWriter {

    static final long INITIAL_BALANCE = 1_000;

    private final PostgresServer server;
    private final String db;
    private final int accounts;
    private final LongFunction<List<String>> more;
    private final Random random = new Random(5);
    private volatile long committed;

    AuditWriter(PostgresServer server, String db, int accounts, LongFunction<List<String>> more) {
        super("audit-writer");
        this.server = server;
        this.db = db;
        this.accounts = accounts;
        this.more = more;
    }

    /** The accounts and audit tables, {@code accounts} accounts of {@link #INITIAL_BALANCE}. */
    static String[] schema(int accounts) {
        return new String[]{
                "CREATE TABLE accounts (id int PRIMARY KEY, balance bigint NOT NULL)",
                "INSERT INTO accounts SELECT i, " + INITIAL_BALANCE + " FROM generate_series(1, " + accounts + ") i",
                "CREATE TABLE audit (n bigint PRIMARY KEY, from_account int NOT NULL, to_account int NOT NULL,"
                        + " amount bigint NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())"};
    }

    long committed() {
        return committed;
    }

    @Override
    protected Connection connect() throws SQLException {
        return server.connect(db);
    }

    @Override
    protected void writeOne(Connection c, Statement s) throws Exception {
        long n = committed + 1;
        int from = 1 + random.nextInt(accounts);
        int to = 1 + random.nextInt(accounts);
        int amount = 1 + random.nextInt(50);
        s.execute("INSERT INTO audit (n, from_account, to_account, amount) VALUES (" + n + ", " + from + ", "
                + to + ", " + amount + ")");
        s.execute("UPDATE accounts SET balance = balance - " + amount + " WHERE id = " + from);
        s.execute("UPDATE accounts SET balance = balance + " + amount + " WHERE id = " + to);
        for (String sql : more.apply(n)) {
            s.execute(sql);
        }
        c.commit();
        committed = n;
        Thread.sleep(3 + random.nextInt(10));
    }
}
