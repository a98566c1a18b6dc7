package io.sgstream.api.secret;

import io.sgstream.api.spec.SecretKeySelector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Resolves Secret key selectors without Kubernetes, for running on one machine. For {@code {name: pg-creds,
 * key: password}} it reads, in this order:
 * <ol>
 *   <li>the environment variable {@code SGSTREAM_SECRET_PG_CREDS_PASSWORD}: {@value #ENV_PREFIX} + name + {@code _}
 *       + key, upper-cased, every character other than a letter or digit turned into {@code _};</li>
 *   <li>the file {@code <dir>/pg-creds/password}, the layout of a Secret mounted at {@code <dir>/pg-creds}, where
 *       {@code <dir>} is given to the constructor ({@value #SECRETS_DIR_ENV} for {@link #fromEnvironment()}).
 *       One trailing newline is dropped from a text file (editors and {@code echo} add one); binary content
 *       such as a DER key is returned as it is.</li>
 * </ol>
 * Distinct names may map to one variable ({@code pg-creds} and {@code pg_creds}); use files to tell them apart.
 */
public final class EnvSecretResolver implements SecretResolver {

    public static final String ENV_PREFIX = "SGSTREAM_SECRET_";
    /** The environment variable naming the secrets directory for {@link #fromEnvironment()}. */
    public static final String SECRETS_DIR_ENV = "SGSTREAM_SECRETS_DIR";

    // Kubernetes' own rules for Secret names and keys; they also keep file lookups inside the directory.
    private static final Pattern SECRET_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private final Map<String, String> environment;
    private final Path directory;

    /**
     * @param environment environment variables to read (normally {@link System#getenv()})
     * @param directory   directory of mounted-Secret-like folders, or null for environment variables only
     */
    public EnvSecretResolver(Map<String, String> environment, Path directory) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.directory = directory;
    }

    /** A resolver over this process's environment and the directory named by {@value #SECRETS_DIR_ENV}, if any. */
    public static EnvSecretResolver fromEnvironment() {
        Map<String, String> env = System.getenv();
        String dir = env.get(SECRETS_DIR_ENV);
        return new EnvSecretResolver(env, dir == null || dir.isBlank() ? null : Path.of(dir));
    }

    /** The environment variable that holds {@code selector}'s value. */
    public static String environmentVariable(SecretKeySelector selector) {
        return (ENV_PREFIX + selector.getName() + "_" + selector.getKey()).toUpperCase(Locale.ROOT)
                .replaceAll("[^A-Z0-9]", "_");
    }

    @Override
    public SecretValue resolve(SecretKeySelector selector) {
        String name = selector.getName();
        String key = selector.getKey();
        if (name == null || !SECRET_NAME.matcher(name).matches() || key == null || !SECRET_KEY.matcher(key).matches()
                || key.equals(".") || key.equals("..")) {
            throw new IllegalArgumentException("not a valid Secret key selector: " + selector);
        }
        String variable = environmentVariable(selector);
        String fromEnvironment = environment.get(variable);
        if (fromEnvironment != null) {
            return SecretValue.of(fromEnvironment);
        }
        Path file = directory == null ? null : directory.resolve(name).resolve(key);
        if (file != null && Files.isRegularFile(file)) {
            return SecretValue.ofBytes(withoutTrailingNewline(read(file)));
        }
        throw new SecretNotFoundException("Secret " + name + " key " + key + " not found: set environment variable "
                + variable + (file != null ? " or create the file " + file
                        : " (or point " + SECRETS_DIR_ENV + " at a directory holding " + name + "/" + key + ")"));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            // the exception names the file only, never its content
            throw new UncheckedIOException("cannot read secret file " + file, e);
        }
    }

    private static byte[] withoutTrailingNewline(byte[] content) {
        if (!isText(content) || content.length == 0 || content[content.length - 1] != '\n') {
            return content;
        }
        int end = content.length - 1;
        if (end > 0 && content[end - 1] == '\r') {
            end--;
        }
        return Arrays.copyOf(content, end);
    }

    private static boolean isText(byte[] content) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(content)).toString();
            return text.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t');
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
