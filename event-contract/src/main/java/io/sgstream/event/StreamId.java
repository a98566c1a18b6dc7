package io.sgstream.event;

import java.net.URI;

/** Identifies an SGStream; its CloudEvents {@code source} is {@code /sgstream/<namespace>/<name>}. */
public record StreamId(String namespace, String name) {

    private static final String PREFIX = "/sgstream/";

    /**
     * The last source built or read: a capture asks for its one stream's source per event, and URI.create parses the
     * text each time; a consumer reads the same source from every event (both showed in profiles). One entry
     * suffices: a process captures, and mostly consumes, one stream.
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
        Source last = lastSource;
        if (last != null && source != null && (last.uri == source || last.uri.toString().equals(source.toString()))) {
            return last.stream; // every event of a stream has the same source (in-process, the very same URI)
        }
        String s = source == null ? "" : source.toString();
        String[] parts = s.startsWith(PREFIX) ? s.substring(PREFIX.length()).split("/") : new String[0];
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new MalformedEventException("source '" + s + "' is not an SGStream source (/sgstream/<namespace>/<name>)");
        }
        StreamId stream = new StreamId(parts[0], parts[1]);
        lastSource = new Source(stream, source);
        return stream;
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
