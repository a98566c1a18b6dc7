package io.sgstream.broker.delivery;

import io.fabric8.knative.duck.v1.Destination;
import io.fabric8.knative.duck.v1.KReference;

import java.net.URI;

/** Resolves Knative Destinations ({@code uri}, {@code ref}, or {@code ref} plus relative {@code uri}) to targets. */
public final class Destinations {

    private final SubscriberRegistry registry;

    public Destinations(SubscriberRegistry registry) {
        this.registry = registry;
    }

    /**
     * The target to use now. A relative {@code uri} next to a ref is resolved against the ref's URL, as Knative
     * appends it to the addressable's address.
     *
     * @throws UnresolvedDestinationException if the ref is not registered
     */
    public Target resolve(Destination destination) {
        KReference ref = destination.getRef();
        if (ref == null) {
            return new Target.Http(URI.create(destination.getUri()));
        }
        SubscriberRegistry.Entry entry = registry.lookup(ref.getName()).orElseThrow(() ->
                new UnresolvedDestinationException(describe(destination), "no subscriber named '" + ref.getName()
                        + "' is registered (" + ref.getKind() + " " + ref.getName() + "); registered: "
                        + registry.names()));
        if (entry.handler() != null) {
            return new Target.InProcess(ref.getName(), entry.handler());
        }
        if (destination.getUri() == null || destination.getUri().isEmpty()) {
            return new Target.Http(entry.url());
        }
        return new Target.Http(entry.url().resolve(destination.getUri()));
    }

    /** True if the destination can be resolved now. */
    public boolean isResolvable(Destination destination) {
        return destination.getRef() == null || registry.lookup(destination.getRef().getName()).isPresent();
    }

    /** A readable form of an unresolved destination. */
    public static String describe(Destination destination) {
        KReference ref = destination.getRef();
        if (ref == null) {
            return destination.getUri();
        }
        return "ref:" + ref.getKind() + "/" + ref.getName()
                + (destination.getUri() == null ? "" : destination.getUri());
    }
}
