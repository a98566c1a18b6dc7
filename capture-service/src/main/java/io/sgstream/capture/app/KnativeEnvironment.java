package io.sgstream.capture.app;

import io.sgstream.capture.sink.HttpSinkConfig;
import org.eclipse.microprofile.config.Config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables a Knative SinkBinding injects, read through MicroProfile Config so that environment variables,
 * system properties and test profiles all work.
 */
final class KnativeEnvironment {

    private static final List<String> VARIABLES = List.of(
            HttpSinkConfig.ENV_SINK, HttpSinkConfig.ENV_CE_OVERRIDES, HttpSinkConfig.ENV_CA_CERTS);

    private KnativeEnvironment() {
    }

    static Map<String, String> read(Config config) {
        Map<String, String> env = new HashMap<>();
        for (String name : VARIABLES) {
            config.getOptionalValue(name, String.class).ifPresent(v -> env.put(name, v));
        }
        return env;
    }
}
