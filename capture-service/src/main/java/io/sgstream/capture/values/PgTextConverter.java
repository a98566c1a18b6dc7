package io.sgstream.capture.values;

import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import org.apache.kafka.connect.data.SchemaBuilder;

import java.util.Properties;

/**
 * Debezium column converter that turns every captured value into PostgreSQL's text form ({@link PgText}), before
 * Debezium's own conversions can lose anything (timestamps narrowed by {@code time.precision.mode}, money through
 * double, geometric types as WKB, infinities clamped...). The contract's JSON typing (numbers,
 * booleans, arrays) is applied afterwards from the column's catalog type ({@link ValueEncoder}).
 *
 * <p>Registered for all columns as {@code converters=sgstream}, {@code sgstream.type=<this class>}; converters the
 * user lists before it keep the columns they claim.
 */
public final class PgTextConverter implements CustomConverter<SchemaBuilder, RelationalColumn> {

    /** The prefix under which the capture registers this converter. */
    public static final String NAME = "sgstream";

    @Override
    public void configure(Properties props) {
        // nothing to configure: the text form is fixed by PostgreSQL
    }

    @Override
    public void converterFor(RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
        registration.register(SchemaBuilder.string().optional(), PgText::of);
    }
}
