package io.sgstream.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Scalars exactly as the CRD types them: a string must be a string, an integer an integer, a boolean
 * {@code true}/{@code false}. Jackson would otherwise coerce {@code port: "5432"} or {@code name: 123} silently,
 * which the Kubernetes API server rejects; the same file must mean the same thing locally and in a cluster.
 * Mismatches go to {@link DeserializationContext#handleUnexpectedToken}, where {@link ProblemCollector} records
 * them and lets loading continue.
 */
final class StrictScalars extends SimpleModule {

    private static final long serialVersionUID = 1L;

    StrictScalars() {
        super("sgstream-strict-scalars");
        addDeserializer(String.class, new StrictString());
        addDeserializer(Integer.class, new StrictInteger());
        addDeserializer(Long.class, new StrictLong());
        addDeserializer(Boolean.class, new StrictBoolean());
    }

    private static final class StrictString extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        StrictString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                return p.getText();
            }
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
    }

    private static final class StrictInteger extends StdScalarDeserializer<Integer> {
        private static final long serialVersionUID = 1L;

        StrictInteger() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                return (Integer) ctxt.handleUnexpectedToken(Integer.class, p);
            }
            if (p.getNumberType() != JsonParser.NumberType.INT) {
                return (Integer) ctxt.handleWeirdNumberValue(Integer.class, p.getNumberValue(), "out of range");
            }
            return p.getIntValue();
        }
    }

    private static final class StrictLong extends StdScalarDeserializer<Long> {
        private static final long serialVersionUID = 1L;

        StrictLong() {
            super(Long.class);
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                return (Long) ctxt.handleUnexpectedToken(Long.class, p);
            }
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                return (Long) ctxt.handleWeirdNumberValue(Long.class, p.getNumberValue(), "out of range");
            }
            return p.getLongValue();
        }
    }

    private static final class StrictBoolean extends StdScalarDeserializer<Boolean> {
        private static final long serialVersionUID = 1L;

        StrictBoolean() {
            super(Boolean.class);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_TRUE)) {
                return Boolean.TRUE;
            }
            if (p.hasToken(JsonToken.VALUE_FALSE)) {
                return Boolean.FALSE;
            }
            return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
        }
    }
}
