package io.sgstream.pglambda.java;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.sgstream.event.EventCodec;
import io.sgstream.event.Op;
import io.sgstream.pglambda.TestEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code template-java/} from rotting: its sources (main and test) are compiled against this build's event
 * contract, and its function is called with a real change event. The template is a standalone project, not part
 * of the reactor; the Funqy API comes from {@code target/template-classpath} (see the pom).
 */
class TemplateFunctionTest {

    @TempDir
    static Path classes;
    static List<String> errors;

    @BeforeAll
    static void compileTemplate() throws IOException {
        Path template = Path.of(System.getProperty("pglambda.template.dir", "template-java"));
        List<File> sources;
        try (Stream<Path> files = Stream.concat(Files.walk(template.resolve("src/main/java")), Files.walk(template.resolve("src/test/java")))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).collect(Collectors.toList());
        }
        assertThat(sources).extracting(File::getName).contains("Function.java", "ChangeEvent.java", "FunctionTest.java");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            List<String> options = List.of("-d", classes.toString(), "--release", "17", "-proc:none",
                    "-classpath", classpath());
            javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromFiles(sources)).call();
        }
        errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null))
                .collect(Collectors.toList());
    }

    private static String classpath() throws IOException {
        String test = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> funqy;
        try (Stream<Path> jars = Files.list(templateClasspath())) {
            funqy = jars.map(Path::toString).collect(Collectors.toList());
        }
        assertThat(funqy).as("Funqy jars copied by the build").hasSize(2);
        return test + File.pathSeparator + String.join(File.pathSeparator, funqy);
    }

    private static Path templateClasspath() {
        return Path.of(System.getProperty("pglambda.template.classpath", "target/template-classpath"));
    }

    @Test
    void templateCompilesAgainstTheEventContract() {
        assertThat(errors).isEmpty();
    }

    @Test
    void templateFunctionReceivesATypedChangeAndReplies() throws Exception {
        assertThat(errors).isEmpty();
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        try (Stream<Path> jars = Files.list(templateClasspath())) {
            for (Path jar : (Iterable<Path>) jars::iterator) {
                urls.add(jar.toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader())) {
            Class<?> funqyEvent = loader.loadClass("io.quarkus.funqy.knative.events.CloudEvent");
            Object input = funqyEvent(loader, TestEvents.update(3, 1, 7, "ann", "12.50", "13.00"));

            Object change = loader.loadClass("functions.ChangeEvent").getMethod("from", funqyEvent).invoke(null, input);
            Class<?> functionClass = loader.loadClass("functions.Function");
            Object reply = functionClass.getMethod("function", funqyEvent)
                    .invoke(functionClass.getDeclaredConstructor().newInstance(), input);

            assertThat(call(change, "op")).isEqualTo(Op.UPDATE);
            assertThat(call(change, "qualifiedTable")).isEqualTo("public.orders");
            assertThat(call(change, "text", "amount")).isEqualTo("13.00");
            assertThat(call(change, "replySource")).isEqualTo("/sgstream/shop/orders-stream/pglambda");
            assertThat(get(funqyEvent, reply, "type")).isEqualTo("com.example.order.changed");
            assertThat(get(funqyEvent, reply, "source")).isEqualTo("/sgstream/shop/orders-stream/pglambda");
            assertThat(get(funqyEvent, reply, "data")).hasToString("OrderChange[order=7, op=u, amountDelta=0.50]");
        }
    }

    /** The event as Funqy hands it to a {@code CloudEvent<JsonNode>} parameter. */
    private static Object funqyEvent(ClassLoader loader, CloudEvent event) throws Exception {
        Class<?> builder = loader.loadClass("io.quarkus.funqy.knative.events.CloudEventBuilder");
        Map<String, String> extensions = new HashMap<>();
        event.getExtensionNames().forEach(n -> extensions.put(n, String.valueOf(event.getExtension(n))));
        JsonNode data = EventCodec.JSON.readTree(event.getData().toBytes());
        Object b = builder.getMethod("create").invoke(null);
        b = builder.getMethod("id", String.class).invoke(b, event.getId());
        b = builder.getMethod("type", String.class).invoke(b, event.getType());
        b = builder.getMethod("source", String.class).invoke(b, event.getSource().toString());
        b = builder.getMethod("subject", String.class).invoke(b, event.getSubject());
        b = builder.getMethod("extensions", Map.class).invoke(b, extensions);
        return builder.getMethod("build", Object.class).invoke(b, data);
    }

    private static Object call(Object target, String method, Object... args) throws Exception {
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = args[i].getClass();
        }
        Method m = target.getClass().getMethod(method, types);
        return m.invoke(target, args);
    }

    private static Object get(Class<?> type, Object target, String method) throws Exception {
        return type.getMethod(method).invoke(target);
    }
}
