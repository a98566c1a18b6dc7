package io.sgstream.capture;

import io.sgstream.testing.PostgresExtension;
import io.sgstream.testing.BackgroundWriter;
import io.sgstream.testing.PostgresServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Random;

/**
 * Keeps changing rows of {@code items} (see {@link ChangeLog}) in small transactions of inserts, updates and deletes
 * until stopped. Its connection is named {@value #APPLICATION_NAME}, so a test can tell it from the capture's.
 */
final class ItemsWriter extends BackgroundWriter {

    static final String APPLICATION_NAME = "test-writer";

    private final PostgresExtension pg;
    private final String db;
    private final Random random;
    private final int minStatements;
    private final int maxStatements;
    private final boolean pauseInsideTransactions;
    private int nextId;
    volatile int transactions;

    private ItemsWriter(PostgresExtension pg, String db, long seed, int firstNewId, int minStatements, int maxStatements,
                        boolean pauseInsideTransactions) {
        super(APPLICATION_NAME);
        this.pg = pg;
        this.db = db;
        this.random = new Random(seed);
        this.nextId = firstNewId;
        this.minStatements = minStatements;
        this.maxStatements = maxStatements;
        this.pauseInsideTransactions = pauseInsideTransactions;
    }

    /** 1 to 4 statements a transaction, a pause between transactions. */
    static ItemsWriter pausingBetweenTransactions(PostgresExtension pg, String db, long seed, int firstNewId) {
        return new ItemsWriter(pg, db, seed, firstNewId, 1, 4, false);
    }

    /**
     * 2 to 4 statements a transaction, a pause between statements, so that some transaction is always open when a
     * snapshot starts (its first changes precede the snapshot's point in the WAL, its commit follows it).
     */
    static ItemsWriter pausingInsideTransactions(PostgresExtension pg, String db, long seed, int firstNewId) {
        return new ItemsWriter(pg, db, seed, firstNewId, 2, 4, true);
    }

    @Override
    protected Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", PostgresServer.USER);
        props.setProperty("password", PostgresServer.PASSWORD);
        props.setProperty("ApplicationName", APPLICATION_NAME);
        return DriverManager.getConnection(pg.jdbcUrl(db), props);
    }

    @Override
    protected void writeOne(Connection c, Statement s) throws Exception {
        int statements = minStatements + random.nextInt(maxStatements - minStatements + 1);
        for (int i = 0; i < statements; i++) {
            int target = 1 + random.nextInt(60);
            switch (random.nextInt(4)) {
                case 0 -> s.execute("INSERT INTO items VALUES (" + nextId++ + ", 1, 'new')");
                case 1 -> s.execute("DELETE FROM items WHERE id = " + target);
                default -> s.execute("UPDATE items SET v = v + 1, note = 'upd " + random.nextInt(1000)
                        + "' WHERE id = " + target + " OR id = " + (nextId - 1));
            }
            if (pauseInsideTransactions) {
                Thread.sleep(2 + random.nextInt(8));
            }
        }
        c.commit();
        transactions++;
        if (!pauseInsideTransactions) {
            Thread.sleep(5 + random.nextInt(20));
        }
    }
}
