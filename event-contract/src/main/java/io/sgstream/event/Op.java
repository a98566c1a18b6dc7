package io.sgstream.event;

/** The operation of a row change, with Debezium's one-letter codes. */
public enum Op {
    CREATE("c"), UPDATE("u"), DELETE("d"), READ("r"), TRUNCATE("t");

    private final String code;

    Op(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Op fromCode(String code) {
        for (Op op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        throw new MalformedEventException("unknown op '" + code + "' (expected one of c, u, d, r, t)");
    }
}
