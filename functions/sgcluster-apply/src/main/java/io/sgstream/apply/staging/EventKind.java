package io.sgstream.apply.staging;

/** The three kinds of events a stream carries, as stored in {@code staged_event.kind}. */
public enum EventKind {
    CHANGE("c"), SIGNAL("s"), END("e");

    private final String code;

    EventKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static EventKind fromCode(String code) {
        for (EventKind k : values()) {
            if (k.code.equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown staged event kind " + code);
    }
}
