package io.sgstream.pglambda.js;

import io.sgstream.pglambda.Outcome;
import io.sgstream.pglambda.PgLambda;
import io.sgstream.pglambda.TestEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A script cannot reach the host: each attempt is made by a real script and must fail the event (500) with the
 * sandbox's refusal, while the same script still handles events normally.
 */
class SandboxTest {

    @TempDir
    static Path dir;
    static Path secret;
    static PgLambda lambda;

    /** Runs the snippet named by the event's customer column; answers 204 when the customer is "none". */
    @BeforeAll
    static void start() throws IOException {
        secret = Files.writeString(dir.resolve("secret.txt"), "s3cr3t");
        lambda = Scripts.lambda("""
                const attempts = {
                  loadFile:     () => load(change.after.amount),
                  javaFiles:    () => Java.type('java.nio.file.Files').readString(Java.type('java.nio.file.Path').of(change.after.amount)),
                  processEnv:   () => process.env.HOME,
                  systemGetenv: () => Java.type('java.lang.System').getenv('HOME'),
                  javaPackage:  () => java.lang.System.getenv('HOME'),
                  runtime:      () => Java.type('java.lang.Runtime').getRuntime().exec('id'),
                  javaThread:   () => new (Java.type('java.lang.Thread'))(() => {}).start(),
                  worker:       () => new Worker('x.js'),
                  polyglot:     () => Polyglot.eval('python', '1'),
                  require:      () => require('fs').readFileSync(change.after.amount),
                };
                const name = change.after.customer;
                if (name !== 'none') {
                  reply('test.leak', {value: String(attempts[name]())});
                }
                """);
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    private static Outcome attempt(String name) {
        return lambda.handle(TestEvents.insert(1, 1, 7, name, secret.toString()));
    }

    private static void assertRefused(String name, String... reasons) {
        Outcome outcome = attempt(name);
        assertThat(outcome.kind()).as(name).isEqualTo(Outcome.Kind.FAILED);
        assertThat(outcome.status()).isEqualTo(500);
        assertThat(outcome.reply()).isNull();
        assertThat(outcome.error()).as(name).contains(reasons).doesNotContain("s3cr3t");
        assertThat(attempt("none").status()).as("the script still works after " + name).isEqualTo(204);
    }

    @Test
    void cannotReadFilesWithLoad() {
        assertRefused("loadFile", "Operation is not allowed for: " + secret);
    }

    @Test
    void cannotReadFilesThroughJava() {
        assertRefused("javaFiles", "Access to host class java.nio.file.Files is not allowed");
    }

    @Test
    void cannotReadTheEnvironment() {
        assertRefused("processEnv", "ReferenceError: process is not defined");
        assertRefused("systemGetenv", "Access to host class java.lang.System is not allowed");
    }

    @Test
    void cannotReachJavaClasses() {
        assertRefused("javaPackage", "System.getenv is not a function");
        assertRefused("runtime", "Access to host class java.lang.Runtime is not allowed");
    }

    @Test
    void cannotSpawnThreads() {
        assertRefused("javaThread", "Access to host class java.lang.Thread is not allowed");
        assertRefused("worker", "ReferenceError: Worker is not defined");
    }

    @Test
    void cannotUseOtherLanguagesOrNodeModules() {
        assertRefused("polyglot", "ReferenceError: Polyglot is not defined");
        assertRefused("require", "ReferenceError: require is not defined");
    }
}
