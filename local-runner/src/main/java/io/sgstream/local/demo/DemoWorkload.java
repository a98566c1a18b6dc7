package io.sgstream.local.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OLTP mix on the demo schema from several clients: transfers (two updates that keep the total), new orders,
 * status updates, deletes, and title edits of TOASTed documents.
 */
public final class DemoWorkload implements AutoCloseable {

    private final String jdbcUrl;
    private final Properties credentials;
    private final int clients;
    private final int accounts;
    private final int rate;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong transactions = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile Throwable failure;

    /** @param rate transactions per second of all clients together, 0 for as fast as they can */
    public DemoWorkload(String jdbcUrl, Properties credentials, int clients, int accounts, int rate) {
        this.jdbcUrl = jdbcUrl;
        this.credentials = credentials;
        this.clients = clients;
        this.accounts = accounts;
        this.rate = rate;
    }

    public void start() {
        running.set(true);
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(this::runClient, "demo-workload-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /** Runs for a fixed time, then stops. */
    public void runFor(Duration duration) throws InterruptedException {
        start();
        Thread.sleep(duration.toMillis());
        close();
    }

    public long transactions() {
        return transactions.get();
    }

    private void runClient() {
        try (Connection c = DriverManager.getConnection(jdbcUrl, credentials)) {
            c.setAutoCommit(false);
            PreparedStatement debit = c.prepareStatement("UPDATE accounts SET balance = balance - ?, updated_at = now() WHERE id = ?");
            PreparedStatement credit = c.prepareStatement("UPDATE accounts SET balance = balance + ?, updated_at = now() WHERE id = ?");
            PreparedStatement order = c.prepareStatement("INSERT INTO orders (account_id, status, amount, tags, details)"
                    + " VALUES (?, 'new', ?, ARRAY['live', ?], jsonb_build_object('client', ?::text))");
            PreparedStatement ship = c.prepareStatement("UPDATE orders SET status = 'shipped' WHERE id = ?");
            PreparedStatement cancel = c.prepareStatement("DELETE FROM orders WHERE id = ?");
            PreparedStatement retitle = c.prepareStatement("UPDATE documents SET title = title || '.' WHERE id ="
                    + " (SELECT id FROM documents ORDER BY digest LIMIT 1 OFFSET ?)");
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long interval = rate == 0 ? 0 : 1_000_000_000L * clients / rate;
            long next = System.nanoTime();
            while (running.get()) {
                if (interval > 0) {
                    next += interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                int kind = random.nextInt(100);
                if (kind < 45) {
                    int from = 1 + random.nextInt(accounts);
                    int to = 1 + random.nextInt(accounts);
                    double amount = random.nextInt(1, 5000) / 100.0;
                    // lock order by id avoids deadlocks between concurrent transfers
                    PreparedStatement first = from < to ? debit : credit;
                    PreparedStatement second = from < to ? credit : debit;
                    first.setDouble(1, amount);
                    first.setInt(2, Math.min(from, to));
                    first.executeUpdate();
                    second.setDouble(1, amount);
                    second.setInt(2, Math.max(from, to));
                    second.executeUpdate();
                } else if (kind < 70) {
                    order.setInt(1, 1 + random.nextInt(accounts));
                    order.setDouble(2, random.nextInt(100, 100000) / 100.0);
                    order.setString(3, "c" + random.nextInt(10));
                    order.setString(4, Thread.currentThread().getName());
                    order.executeUpdate();
                } else if (kind < 88) {
                    ship.setLong(1, 1 + random.nextInt(3 * accounts));
                    ship.executeUpdate();
                } else if (kind < 96) {
                    cancel.setLong(1, 1 + random.nextInt(3 * accounts));
                    cancel.executeUpdate();
                } else {
                    retitle.setInt(1, random.nextInt(Math.max(10, accounts / 50)));
                    retitle.executeUpdate();
                }
                c.commit();
                transactions.incrementAndGet();
            }
        } catch (SQLException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        threads.clear();
        if (failure != null) {
            throw new IllegalStateException("demo workload failed: " + failure.getMessage(), failure);
        }
    }
}
