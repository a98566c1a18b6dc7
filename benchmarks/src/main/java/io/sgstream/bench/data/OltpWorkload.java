package io.sgstream.bench.data;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * pgbench-style mixed load on the benchmark tables, as fast as {@code clients} connections go: each transaction
 * updates two items, inserts an event, deletes an older event (sometimes none is left at that id), every tenth
 * updates a document's title (its TOASTed body unchanged), and every {@value #LAG_SAMPLE_EVERY}th of a client ends by
 * inserting a {@code bench_lag} row with {@code clock_timestamp()} just before COMMIT. Counts committed transactions
 * and row changes.
 *
 * <p>The lag is sampled rather than measured in every transaction because the target's lag trigger fires (it is
 * {@code ENABLE ALWAYS}): a change whose trigger may observe other tables must be applied at its exact place, so
 * a {@code bench_lag} row in every transaction would keep any system from batching across transactions, which
 * nothing in an ordinary schema prevents.
 */
public final class OltpWorkload implements AutoCloseable {

    /** One transaction in this many (per client) carries a lag sample. */
    static final int LAG_SAMPLE_EVERY = 16;

    private final String url;
    private final Properties credentials;
    private final int clients;
    private final long items;
    private final long events;
    private final long docs;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong lagSamples = new AtomicLong();
    private volatile boolean running;
    private volatile Exception failure;

    public OltpWorkload(String url, Properties credentials, int clients, long rows) {
        this.url = url;
        this.credentials = credentials;
        this.clients = clients;
        this.docs = Math.max(10, rows / 50);
        this.items = rows / 2;
        this.events = rows - items - docs;
    }

    public void start() {
        running = true;
        for (int i = 0; i < clients; i++) {
            int client = i;
            Thread t = new Thread(() -> loop(client), "oltp-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void loop(int client) {
        try (Connection c = DriverManager.getConnection(url, credentials)) {
            c.setAutoCommit(false);
            try (PreparedStatement item = c.prepareStatement("UPDATE bench_items SET qty = qty + 1, price = price + 0.01,"
                    + " attrs = jsonb_set(attrs, '{n}', to_jsonb(qty + 1)) WHERE id = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO bench_events SELECT nextval('bench_ids'), ?, ?,"
                         + " localtimestamp, gen_random_uuid(), jsonb_build_object('client', ?::int)");
                 PreparedStatement delete = c.prepareStatement("DELETE FROM bench_events WHERE id = ?");
                 PreparedStatement doc = c.prepareStatement("UPDATE bench_docs SET title = 'doc ' || id || ' v' || (version + 1),"
                         + " version = version + 1 WHERE id = ?");
                 PreparedStatement lag = c.prepareStatement("INSERT INTO bench_lag VALUES (nextval('bench_ids'), ?, clock_timestamp())")) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                long own = 0;
                while (running) {
                    long n = 0;
                    for (int k = 0; k < 2; k++) {
                        item.setLong(1, 1 + random.nextLong(items));
                        n += item.executeUpdate();
                    }
                    insert.setShort(1, (short) random.nextInt(10));
                    insert.setBoolean(2, random.nextBoolean());
                    insert.setInt(3, client);
                    n += insert.executeUpdate();
                    delete.setLong(1, 1 + random.nextLong(events));
                    n += delete.executeUpdate();
                    if (random.nextInt(10) == 0) {
                        doc.setLong(1, 1 + random.nextLong(docs));
                        n += doc.executeUpdate();
                    }
                    boolean sampled = own++ % LAG_SAMPLE_EVERY == 0;
                    if (sampled) {
                        lag.setInt(1, client);
                        n += lag.executeUpdate();
                    }
                    c.commit();
                    transactions.incrementAndGet();
                    if (sampled) {
                        lagSamples.incrementAndGet();
                    }
                    changes.addAndGet(n);
                }
            }
        } catch (SQLException e) {
            failure = e;
        }
    }

    public long transactions() {
        return transactions.get();
    }

    /** Committed transactions that carry a lag sample (a {@code bench_lag} row). */
    public long lagSamples() {
        return lagSamples.get();
    }

    /** Row changes committed (what each system has to apply, one event per row change). */
    public long changes() {
        return changes.get();
    }

    @Override
    public void close() throws Exception {
        running = false;
        for (Thread t : threads) {
            t.join();
        }
        if (failure != null) {
            throw new IllegalStateException("the OLTP workload failed: " + failure.getMessage(), failure);
        }
    }
}
