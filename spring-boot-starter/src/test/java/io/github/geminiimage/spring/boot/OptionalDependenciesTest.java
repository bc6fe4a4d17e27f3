package io.github.geminiimage.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake and Micrometer are optional dependencies of the starter: an application without them
 * must start. A filtered class loader would not prove it (the starter's classes would still come
 * from a loader that sees both), so the context runs in a class loader made of this test's
 * classpath without those jars, the way an application that never added them sees it.
 */
class OptionalDependenciesTest {

    private final StubGeminiServer server = StubGeminiServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static boolean isLeftOut(String entry) {
        String path = entry.replace(File.separatorChar, '/');
        return path.contains("/micrometer-core/") || path.contains("/micrometer-observation-test/")
                || path.contains("gemini-image-micrometer") || path.endsWith("/micrometer/target/classes")
                || path.contains("gemini-image-adapter-fake") || path.endsWith("/adapter-fake/target/classes");
    }

    private static URLClassLoader withoutFakeAndMicrometer() throws MalformedURLException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        int leftOut = 0;
        for (String entry : classpath.split(File.pathSeparator)) {
            if (isLeftOut(entry)) {
                leftOut++;
            } else if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertThat(leftOut).as("the classpath entries of the fake, the micrometer module and micrometer-core")
                .isGreaterThanOrEqualTo(3);
        return new URLClassLoader("without-fake-and-micrometer", urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
    }

    private static String start(String... properties) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = withoutFakeAndMicrometer()) {
            assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry", false, loader))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> Class.forName("io.github.geminiimage.adapter.fake.FakeImageGeneration", false, loader))
                    .isInstanceOf(ClassNotFoundException.class);
            thread.setContextClassLoader(loader);
            Class<?> starter = Class.forName(IsolatedStarter.class.getName(), true, loader);
            assertThat(starter.getClassLoader()).isSameAs(loader);
            return (String) starter.getMethod("start", String[].class).invoke(null, (Object) properties);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void withoutTheFakeAndMicrometerTheJdkTransportStartsAndGenerates() throws Exception {
        String outcome = start("gemini.image.api-key=AIzaIsolatedKey", "gemini.image.base-url=" + server.uri());

        assertThat(outcome).isEqualTo("io.github.geminiimage.http.HttpImageGeneration image/png");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void withoutTheFakeTransportFakeFailsAtStartupNamingTheArtifactToAdd() throws Exception {
        assertThat(start("gemini.image.transport=fake")).isEqualTo("failed: gemini.image.transport is fake but the fake"
                + " adapter is not on the classpath");
    }
}
