package io.sgstream.capture.app;

import io.smallrye.config.Expressions;
import org.eclipse.microprofile.config.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sgstream.sink.secret-headers."<Header>"=<value>}: request headers that are credentials, e.g.
 * {@code sgstream.sink.secret-headers."Authorization"=Bearer ${secret:sink-auth/token}}. Values are read without
 * expression expansion: to SmallRye Config {@code ${secret:sink-auth/token}} means "property secret, else the text
 * sink-auth/token", and the token would silently become that text.
 */
final class SecretHeaderSettings {

    static final String PREFIX = "sgstream.sink.secret-headers.";

    private SecretHeaderSettings() {
    }

    static Map<String, String> read(Config config) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(PREFIX) && property.length() > PREFIX.length()) {
                String value = Expressions.withoutExpansion(() -> config.getOptionalValue(property, String.class))
                        .orElse("");
                headers.put(unquote(property.substring(PREFIX.length())), value);
            }
        }
        return headers;
    }

    private static String unquote(String name) {
        return name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")
                ? name.substring(1, name.length() - 1) : name;
    }
}
