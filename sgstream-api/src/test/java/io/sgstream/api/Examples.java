package io.sgstream.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The example SGStreams in {@code knative/examples}, as users find them. */
final class Examples {

    private Examples() {
    }

    static Path directory() {
        String configured = System.getProperty("sgstream.examples.dir");
        // surefire sets the property; an IDE run from the module directory finds the same folder
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "knative", "examples");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("examples directory not found: " + dir.toAbsolutePath());
        }
        return dir;
    }

    static List<Path> files() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path file(String name) {
        return directory().resolve(name);
    }

    static SGStream load(String name) {
        try {
            return SGStreams.fromFile(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
