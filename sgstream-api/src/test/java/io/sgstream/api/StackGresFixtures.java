package io.sgstream.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** SGStreams that set every field of StackGres's own CRD (test resources under {@code stackgres/}). */
final class StackGresFixtures {

    static final List<String> NAMES = List.of(
            "sgcluster-to-sgcluster.yaml", "postgres-to-cloudevent.yaml", "sgcluster-to-pglambda.yaml");

    private StackGresFixtures() {
    }

    static String yaml(String name) {
        String resource = "/stackgres/" + name;
        try (InputStream in = StackGresFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
