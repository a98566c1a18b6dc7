package io.sgstream.capture.engine;

import io.sgstream.capture.values.RowImages;
import io.sgstream.capture.values.TableCatalog;
import io.sgstream.capture.values.TableShape;
import io.sgstream.event.Op;
import io.sgstream.event.Position;
import io.sgstream.event.RowChange;
import io.sgstream.event.StreamId;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import java.time.Instant;

/** Builds the contract's {@link RowChange} from a Debezium row record. */
final class RowChangeFactory {

    private final StreamId stream;
    private final TableCatalog catalog;

    RowChangeFactory(StreamId stream, TableCatalog catalog) {
        this.stream = stream;
        this.catalog = catalog;
    }

    /**
     * @param commitTime the transaction's commit time (for snapshot rows: when the snapshot started)
     * @param txId       the source transaction id, null for snapshot rows
     */
    RowChange create(ChangeRecord r, String epoch, Position position, Instant commitTime, Long txId) {
        Struct value = r.value();
        Op op = Op.fromCode(r.op());
        Schema rowSchema = value.schema().field("after").schema();
        Struct key = r.record().key() instanceof Struct k ? k : null;
        TableShape shape = catalog.shape(r.schema(), r.table(), rowSchema, r.record().keySchema());
        Struct before = value.getStruct("before");
        Struct after = value.getStruct("after");
        RowImages images = RowImages.of(op, key, before, after, shape);
        return new RowChange(stream, epoch, position, op, r.schema(), r.table(), shape.columns(), images.key(),
                images.before(), images.after(), images.unchanged(), ChangeRecord.lsnText(r.lsn()), txId, commitTime,
                shape.keyIdentity());
    }
}
