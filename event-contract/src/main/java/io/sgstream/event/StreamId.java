package io.sgstream.event;

import java.net.URI;

/** Identifies an SGStream; its CloudEvents {@code source} is {@code /sgstream/<namespace>/<name>}. */
public record StreamId(String namespace, String name) {

    private static final String PREFIX = "/sgstream/";

    /**
     * The last source built: a capture asks for its one stream's source per event, and URI.create parses the text
     * each time (it showed in profiles). One entry suffices: a process captures one stream.
     */
    private static volatile Source lastSource;

    private record Source(StreamId stream, URI uri) {
    }

    public StreamId {
        if (namespace == null || namespace.isBlank() || name == null || name.isBlank()) {
            throw new IllegalArgumentException("a stream needs a namespace and a name");
        }
    }

    public URI source() {
        Source last = lastSource;
        if (last != null && last.stream.equals(this)) {
            return last.uri;
        }
        URI uri = URI.create(PREFIX + namespace + "/" + name);
        lastSource = new Source(this, uri);
        return uri;
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
