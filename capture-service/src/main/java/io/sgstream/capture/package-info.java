/**
 * <h2>The capture service core</h2>
 *
 * Plain Java (the Quarkus application in {@code io.sgstream.capture.app} and the local runner compose it): one
 * {@link io.sgstream.capture.CaptureService} captures one stream, configured by a
 * {@link io.sgstream.capture.CaptureConfig} (from an SGStream with {@code CaptureConfig.from(sgStream, secrets)}),
 * and delivers the event contract ({@link io.sgstream.event}) to an {@link io.sgstream.capture.sink.EventSink}.
 *
 * <h3>Pipeline</h3>
 * {@link io.sgstream.capture.preflight.Preflight} checks the source; Debezium's async engine (PostgreSQL connector,
 * pgoutput, Connect {@code SourceRecord}s, no serialization) snapshots and streams; every column value is turned
 * into PostgreSQL's text form by a Debezium column converter ({@link io.sgstream.capture.values.PgTextConverter})
 * and into the contract's JSON by the column's catalog type ({@link io.sgstream.capture.values.ValueEncoder});
 * {@link io.sgstream.capture.engine.TransactionSequencer} numbers transactions and events;
 * {@link io.sgstream.capture.engine.EventPipeline} writes CloudEvents, splits large ones and sends them concurrently.
 *
 * <h3>Positions survive crashes</h3>
 * The epoch and the last closed txseq are stored inside the committed Debezium offset, next to the LSN, so one store
 * write covers both. A replay from a committed offset numbers the same transactions the same way (numbering depends
 * only on the records), so replayed events have identical ids and content. A stream that crashes before its first
 * commit starts over with a new snapshot and a new, greater epoch, which consumers take as a restart (greater even
 * with the clock stepped back: each run reserves its epoch in the offset store before the engine starts).
 *
 * <h3>Commits follow acknowledgements</h3>
 * Offsets are committed only at transaction ends (or heartbeats between transactions) below which every event, every
 * part, was acknowledged ({@link io.sgstream.capture.engine.AckTracker}); the slot's confirmed LSN follows the
 * committed offset. An event the sink can never deliver stops the capture without committing past it. Offsets live
 * in a PostgreSQL table ({@link io.sgstream.capture.offsets.JdbcOffsetBackingStore}, by default
 * {@code sgstream.capture_offsets} in the source) or, for experiments, a file.
 *
 * <h3>Failures</h3>
 * Any connector error stops the capture ({@code errors.max.retries=0}) rather than letting Debezium restart its task
 * behind the sequencer's back; the owner (the application exits, Kubernetes restarts it) starts a new capture, which
 * resumes exactly from the committed offset.
 *
 * <h3>Known limitations</h3>
 * <ul>
 * <li>Arrays with explicit lower bounds and arrays whose delimiter is not a comma (box) are sent as their text
 *     literal (a JSON string) rather than a JSON array; a float negative zero is the string {@code "-0"}.</li>
 * <li>With {@code publication.autocreate.mode=filtered}, tables created after the capture started join the
 *     publication at the next start (Debezium's behaviour).</li>
 * <li>Signals ({@link io.sgstream.capture.CaptureService#requestSignal}) need PostgreSQL 14 or later.</li>
 * </ul>
 */
package io.sgstream.capture;
