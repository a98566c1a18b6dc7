package io.sgstream.bench.systems;

/** One way of getting the source database's tables into the target database and keeping them there. */
public interface ReplicationSystem {

    /** Short name used in tables and file names. */
    String name();

    /** A longer description for the report. */
    String description();

    /** Adjusts the fresh source database before the run (e.g. replica identity), if this system needs it. */
    default void prepareSource(Server source, String database) throws Exception {
    }

    /** Starts replicating {@code sourceDb} into {@code targetDb} (whose schema exists); returns once it runs. */
    Running start(Server source, String sourceDb, Server target, String targetDb, String phase) throws Exception;

    /** A running replication: its own resource use, and a way to stop it. */
    interface Running extends AutoCloseable {

        /** CPU seconds used by the system's own process(es) so far. */
        double cpuSeconds();

        /** Peak RSS of the system's own process(es) since the last {@link #resetPeak()}, -1 if unknown. */
        long peakRssBytes();

        void resetPeak();

        /** Why it stopped working, or null. */
        String failure();

        @Override
        void close() throws Exception;
    }
}
