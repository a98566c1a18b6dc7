package io.sgstream.pglambda.spec;

import java.util.Map;

/**
 * Reads the key a {@code scriptFrom} refers to: from the Kubernetes API for the reconciler, from files or maps for
 * the local runner.
 */
public interface ScriptKeyResolver {

    /** @throws IllegalArgumentException when the ConfigMap or key does not exist */
    String configMapKey(String name, String key);

    /** @throws IllegalArgumentException when the Secret or key does not exist */
    String secretKey(String name, String key);

    /**
     * Keys held in memory, each map keyed by {@code <name>/<key>} (e.g. {@code lambda-script/handler.js}), as the
     * local runner may load them from the manifests next to an SGStream.
     */
    static ScriptKeyResolver of(Map<String, String> configMaps, Map<String, String> secrets) {
        return new ScriptKeyResolver() {
            @Override
            public String configMapKey(String name, String key) {
                return lookup(configMaps, "ConfigMap", name, key);
            }

            @Override
            public String secretKey(String name, String key) {
                return lookup(secrets, "Secret", name, key);
            }

            private String lookup(Map<String, String> values, String kind, String name, String key) {
                String value = values.get(name + "/" + key);
                if (value == null) {
                    throw new IllegalArgumentException(kind + " " + name + " has no key " + key);
                }
                return value;
            }
        };
    }
}
