/**
 * <h2>The SGStream event contract</h2>
 *
 * The one place where the CloudEvents exchanged between the capture service, the Broker and every function are
 * defined. Producers build events only through {@link io.sgstream.event.EventCodec}; consumers read them only
 * through it, so a change here is a change everywhere.
 *
 * <h3>Transport</h3>
 * CloudEvents 1.0, HTTP binary mode by default ({@code ce-*} headers, {@code Content-Type: application/json});
 * structured mode ({@code application/cloudevents+json}) is accepted on read ({@link io.sgstream.event.CloudEventsHttp}).
 *
 * <h3>Attributes</h3>
 * <ul>
 * <li>{@code source}: the stream, {@code /sgstream/<namespace>/<name>} ({@link io.sgstream.event.StreamId}).</li>
 * <li>{@code type}: one family ({@link io.sgstream.event.EventTypes}): {@code io.sgstream.change} (a row change),
 *     {@code io.sgstream.transaction} (end of a source transaction), {@code io.sgstream.signal.<name>} (a signal
 *     placed in stream order, e.g. {@code tombstone}, {@code command}).</li>
 * <li>{@code subject}: {@code <schema>.<table>} for changes.</li>
 * <li>{@code id}: unique and deterministic: {@code <epoch>-<txseq>-<seq>} for changes and signals,
 *     {@code <epoch>-<txseq>-end} for a transaction end. A replay after a crash produces the same ids.</li>
 * <li>extensions ({@link io.sgstream.event.EventAttributes}, lowercase so Trigger filters and CESQL can use them):
 *     {@code op} (c, u, d, r, t), {@code schema}, {@code table}, {@code stream} (the SGStream name),
 *     {@code epoch}, {@code txseq}, {@code seq}, {@code lsn}, {@code txid}, {@code snapshot} ({@code true|false}),
 *     {@code partitionkey} ({@code <schema>.<table>:<key JSON>}, so an ordered Kafka broker keeps per-key order);
 *     parts of a split event also carry {@code partof}, {@code partindex}, {@code partcount}.</li>
 * </ul>
 *
 * <h3>Positions: epoch, txseq, seq</h3>
 * A stream numbers the source transactions it emits with a gapless sequence {@code txseq} in source commit
 * order. Transaction {@code 0} is the initial snapshot (its rows have {@code op=r}); it always exists, possibly
 * empty. {@code seq} numbers the events inside a transaction from 1. Every transaction, the snapshot and a signal
 * included, is closed by one {@code io.sgstream.transaction} event that carries the number of events it
 * contains: a consumer knows a transaction is complete when it holds that many events, and knows there is no
 * transaction between {@code n} and {@code n+1}. The {@code epoch} names one incarnation of a stream (it changes
 * when the stream starts over with a new snapshot); ids and positions are only comparable within one epoch.
 * Epochs sort: a later incarnation has a lexicographically greater epoch (the capture uses the start time as a
 * fixed-width number), so a consumer that sees a greater epoch starts over and drops events of smaller ones.
 *
 * <h3>Signals</h3>
 * {@code io.sgstream.signal.command}: data {@code {"signal": "command", "data": {"command": "SQL"}}}, executed on
 * an SGCluster target at its position. {@code io.sgstream.signal.tombstone}: the last transaction of a stream;
 * its data carries the source's sequences so the target can be synchronized:
 * {@code {"signal": "tombstone", "data": {"sequences": [{"schema": "public", "name": "orders_id_seq",
 * "lastValue": 42, "isCalled": true}]}}}. {@code io.sgstream.signal.sync-sequences} carries the same
 * {@code sequences}, read at its position, for a target to set them while the stream goes on.
 * A signal reaches the capture service as a {@link io.sgstream.event.SignalRequest} ({@code io.sgstream.control.signal},
 * id = {@code <signal>-<sha-256 of the annotation value>} so a repeated request is recognisable); the capture
 * service places it into the stream after the transaction in progress.
 *
 * <h3>Data of a change ({@link io.sgstream.event.RowChange})</h3>
 * <pre>{
 *   "op": "u", "schema": "public", "table": "orders",
 *   "columns": [ {"name": "id", "type": "integer", "key": true}, {"name": "note", "type": "text"} ],
 *   "key": {"id": 7},
 *   "before": {"id": 7, "note": "old"},          // null for c/r/t; key columns only unless REPLICA IDENTITY FULL
 *   "after": {"id": 7},                          // null for d/t
 *   "unchanged": ["note"],                       // unchanged TOASTed columns: absent from "after", keep the target value
 *   "source": {"lsn": "0/16B3748", "txid": 745, "ts": "2026-11-25T10:00:00.123Z"}
 * }</pre>
 * Column {@code type}s are the source's own type names as {@code format_type()} prints them
 * ({@code character varying(20)}, {@code numeric(10,2)}, {@code integer[]}, {@code public.mood}) so a target can
 * cast exactly and create missing columns.
 *
 * <h3>Key identity: {@code "identity": "full"} ({@link io.sgstream.event.KeyIdentity})</h3>
 * The columns marked {@code "key": true} are the primary key (or the replica identity index, or the key columns
 * the stream configures) and identify at most one row. A table <em>without</em> primary key but with
 * {@code REPLICA IDENTITY FULL} has no such key: its whole old row is what the source sends to identify a row, so
 * every column is marked as key, and the change carries {@code "identity": "full"} (after {@code columns}) to say
 * that these columns are not unique: identical rows may exist and each counts. A target then creates no primary
 * key for the table and applies an update or delete to exactly one row equal to the before-image. Without the
 * field (every event written before it existed, and every table with a primary key, even one over all columns)
 * the value is {@code "primary-key"}; a consumer that does not know the field keeps working as before.
 *
 * <h3>Values ({@link io.sgstream.event.PgValues})</h3>
 * SQL NULL is JSON {@code null}; {@code boolean} is a JSON boolean; {@code smallint}, {@code integer},
 * {@code bigint}, {@code oid} are JSON numbers; finite {@code real}/{@code double precision} are JSON numbers and
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, {@code "-0"} strings otherwise (a JSON reader keeping
 * exact decimals drops the sign of zero); arrays are JSON arrays of their element encodings (nested for several
 * dimensions), except arrays with explicit lower bounds ({@code [0:1]={..}}) and {@code box[]}, which are sent as
 * their array literal text; every other type, {@code numeric}, {@code json} and {@code jsonb} included, is a JSON
 * string holding PostgreSQL's text form of the value ({@code bytea} in hex form {@code \x..}), so that
 * {@code CAST(text AS type)} restores it exactly.
 *
 * <h3>Size</h3>
 * An event whose data exceeds the configured limit (64,000 bytes by default: intermediaries only promise 64 KiB)
 * is sent as numbered parts ({@link io.sgstream.event.EventParts}): same attributes, id {@code <id>#<i>},
 * {@code datacontenttype: application/octet-stream}, data = consecutive slices of the original JSON; the
 * transaction count still counts the logical event once.
 */
package io.sgstream.event;
