package io.sgstream.broker.delivery;

import java.net.URI;

/** A resolved destination of one delivery attempt. */
public sealed interface Target permits Target.Http, Target.InProcess {

    /** The destination as a URI, as it appears in {@code knativeerrordest}. */
    String describe();

    /** An HTTP endpoint receiving a POST per event. */
    record Http(URI uri) implements Target {
        @Override
        public String describe() {
            return uri.toString();
        }
    }

    /** An in-process handler, described as {@code inprocess:<name>}. */
    record InProcess(String name, InProcessSubscriber handler) implements Target {
        @Override
        public String describe() {
            return "inprocess:" + name;
        }
    }
}
