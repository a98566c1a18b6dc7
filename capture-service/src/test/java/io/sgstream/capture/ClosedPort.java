package io.sgstream.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A local TCP port where nothing listens, for "connection refused" tests: reserved by a socket bound to it (on every
 * address) that never listens, so no other process can start listening there while the test runs, as it could on a
 * port found free and closed again.
 */
public final class ClosedPort implements AutoCloseable {

    private final Socket reservation = new Socket();

    public ClosedPort() {
        try {
            reservation.bind(new InetSocketAddress(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return reservation.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        reservation.close();
    }
}
