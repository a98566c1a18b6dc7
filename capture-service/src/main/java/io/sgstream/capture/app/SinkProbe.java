package io.sgstream.capture.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/**
 * Whether the sink's host accepts TCP connections. Used by readiness only before the first event is acknowledged:
 * afterwards real deliveries tell more, and a probe sends nothing the sink would have to answer or log.
 */
final class SinkProbe {

    private SinkProbe() {
    }

    /** Null when reachable, otherwise why not. */
    static String unreachableReason(URI url, Duration timeout) {
        int port = url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), port), (int) timeout.toMillis());
            return null;
        } catch (IOException e) {
            return "cannot connect to " + url.getHost() + ":" + port + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage());
        }
    }
}
