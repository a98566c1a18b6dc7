package io.sgstream.pglambda.knative;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A setting named in the manifest template or the README that {@link PgLambdaSettings} does not have would be
 * silently ignored (SmallRye maps unknown SGSTREAM_PGLAMBDA_* variables to nothing), so every name written there,
 * as a variable or as a property, must be one of its properties.
 */
class SettingNamesTest {

    private static final Path ROOT = Path.of(System.getProperty("sgstream.root.dir", "../.."));

    @Test
    void everySettingTheManifestAndTheReadmeNameExists() throws IOException {
        Set<String> known = Arrays.stream(PgLambdaSettings.class.getDeclaredMethods()).map(Method::getName)
                .map(SettingNamesTest::kebab).collect(Collectors.toCollection(TreeSet::new));
        Set<String> named = new TreeSet<>();
        Pattern variable = Pattern.compile("SGSTREAM_PGLAMBDA_([A-Z][A-Z_]*[A-Z])");
        Pattern property = Pattern.compile("(?<!io\\.)sgstream\\.pglambda\\.([a-z][a-z-]*[a-z])"); // not the Java packages
        for (Path file : List.of(ROOT.resolve("knative/functions/pglambda.yaml"),
                ROOT.resolve("functions/pglambda/README.md"))) {
            String text = Files.readString(file);
            Matcher v = variable.matcher(text);
            while (v.find()) {
                named.add(v.group(1).toLowerCase(Locale.ROOT).replace('_', '-'));
            }
            Matcher p = property.matcher(text);
            while (p.find()) {
                named.add(p.group(1));
            }
        }

        assertThat(named).contains("timeout", "script-file"); // what this test stands on
        assertThat(named).isSubsetOf(known);
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
