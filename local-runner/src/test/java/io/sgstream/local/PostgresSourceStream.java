package io.sgstream.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An SGStream file for the runner: a {@code type: Postgres} source naming a test server, whose credentials are the
 * keys {@code username} and {@code password} of one Secret, into an SGCluster target.
 */
final class PostgresSourceStream {

    private PostgresSourceStream() {
    }

    static Path write(Path file, String name, String secret, String host, int port, String database) throws IOException {
        Files.writeString(file, """
                apiVersion: stackgres.io/v1alpha1
                kind: SGStream
                metadata:
                  name: %s
                spec:
                  source:
                    type: Postgres
                    postgres:
                      host: %s
                      port: %d
                      database: %s
                      username: {name: %s, key: username}
                      password: {name: %s, key: password}
                  target:
                    type: SGCluster
                    sgCluster:
                      name: target
                """.formatted(name, host, port, database, secret, secret));
        return file;
    }
}
