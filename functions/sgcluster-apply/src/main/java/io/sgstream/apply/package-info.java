/**
 * <h2>SGCluster apply: exactly-once, source-commit-order effect from at-least-once, unordered delivery</h2>
 *
 * Entry point: {@link io.sgstream.apply.SgClusterApply} (in-process) or the Knative Service
 * ({@link io.sgstream.apply.knative.CloudEventsRoute}). Events follow {@link io.sgstream.event the contract}.
 *
 * <h3>Algorithm</h3>
 * <ol>
 * <li><b>Accept</b> ({@link io.sgstream.apply.staging.EventValidator}): decode with the contract; a part of a
 *     split event has its attributes checked and is decoded once joined. Malformed or unknown: 400 with the
 *     reason, nothing written.</li>
 * <li><b>Stage</b> ({@link io.sgstream.apply.staging.Stager}, group-committed by
 *     {@link io.sgstream.apply.staging.StagingQueue}): insert into {@code sgstream.staged_event}, unique on
 *     (stream, id), {@code ON CONFLICT DO NOTHING}; commit; only then answer 202. Events at or below the mark,
 *     or of an older epoch, are answered 202 and dropped. Snapshot rows are written to their tables right away,
 *     under the stream lock in shared mode, and only a marker is staged (see {@code Stager}).</li>
 * <li><b>Apply</b> ({@link io.sgstream.apply.engine.StreamApplier}), triggered by a staging commit or the
 *     periodic drain, one stream at a time under {@code pg_advisory_xact_lock} (any replica): find the complete
 *     contiguous transactions after the mark ({@code apply_state.applied_txseq}; complete = as many staged
 *     events as the transaction end announces), write them in order with batched statements, run signals at
 *     their position, move the mark, delete the staged rows — one target transaction.</li>
 * </ol>
 * The mark and the changes commit together, so a crash anywhere repeats nothing and loses nothing acknowledged;
 * a position once applied is never applied again. A greater epoch empties the stream's tables and starts over
 * ({@link io.sgstream.apply.engine.EpochRestart}).
 *
 * <h3>Target preparation</h3>
 * Before a stream's first snapshot row, {@link io.sgstream.apply.prepare.TargetPreparer} imports the source's
 * DDL ({@link io.sgstream.apply.ddl}) and drops the captured tables' indexes and constraints for the snapshot,
 * restoring them with the snapshot's end (keys always) or at the tombstone, each step one target transaction
 * recorded next to the mark ({@code spec.target.sgCluster}, {@link io.sgstream.apply.prepare.TargetPreparation}).
 *
 * <h3>Packages</h3>
 * {@code staging} (accept and store), {@code engine} (plan and apply), {@code sql} (statements and batching),
 * {@code schema} (target catalog, basic evolution, drift), {@code signals} (command, tombstone, sequences),
 * {@code prepare} (DDL import and index deferral for a stream), {@code ddl} (source schema as statements, their
 * import), {@code state} (mark, locks), {@code status} (metrics, status), {@code db} (pool, failure classes),
 * {@code knative} (the Quarkus service; the only package that needs Quarkus).
 */
package io.sgstream.apply;
