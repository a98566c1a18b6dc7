package io.sgstream.event;

import java.net.URI;

/** Identifies an SGStream; its CloudEvents {@code source} is {@code /sgstream/<namespace>/<name>}. */
public record StreamId(String namespace, String name) {

    private static final String PREFIX = "/sgstream/";

    public StreamId {
        if (namespace == null || namespace.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a stream needs a namespace and a name");
        }
    }

    public URI source() {
        return URI.create(PREFIX + namespace + "/" + name);
    }

    public static StreamId fromSource(URI source) {
        String s = source == null ? "" : source.toString();
        String[] parts = s.startsWith(PREFIX) ? s.substring(PREFIX.length()).split("/") : new String[0];
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new MalformedEventException("source '" + s + "' is not an SGStream source (/sgstream/<namespace>/<name>)");
        }
        return new StreamId(parts[0], parts[1]);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
