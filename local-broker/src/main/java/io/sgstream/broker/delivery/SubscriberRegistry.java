package io.sgstream.broker.delivery;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the {@code ref} of a Trigger's subscriber or deadLetterSink by name, standing in for the Kubernetes
 * addressable resolver: a name maps to an HTTP URL (a function started by the local runner) or to an in-process
 * handler. Entries may be replaced at any time (a restarted function on a new port); each delivery attempt looks
 * the name up again. The ref's kind, apiVersion and namespace are not used.
 */
public final class SubscriberRegistry {

    /** A registered destination: exactly one of {@code url} and {@code handler} is set. */
    public record Entry(URI url, InProcessSubscriber handler) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public SubscriberRegistry register(String name, URI url) {
        Objects.requireNonNull(url, "url");
        if (!url.isAbsolute() || url.getHost() == null) {
            throw new IllegalArgumentException("subscriber " + name + ": URL must be absolute, got " + url);
        }
        entries.put(Objects.requireNonNull(name, "name"), new Entry(url, null));
        return this;
    }

    public SubscriberRegistry register(String name, InProcessSubscriber handler) {
        entries.put(Objects.requireNonNull(name, "name"), new Entry(null, Objects.requireNonNull(handler, "handler")));
        return this;
    }

    public void unregister(String name) {
        entries.remove(name);
    }

    public Optional<Entry> lookup(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public Set<String> names() {
        return new TreeSet<>(entries.keySet());
    }
}
