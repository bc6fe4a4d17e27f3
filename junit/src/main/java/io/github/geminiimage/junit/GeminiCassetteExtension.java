package io.github.geminiimage.junit;

import io.github.geminiimage.http.cassette.CassetteMode;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link Cassette} parameters for tests annotated {@link GeminiCassette} and closes their
 * transports after each test. Stateless; what it makes lives in the test's extension store.
 */
public final class GeminiCassetteExtension implements ParameterResolver, AfterEachCallback {

    /** The configuration parameter (or system property) naming the mode. */
    public static final String MODE_PROPERTY = "gemini.cassette.mode";
    /** The environment variable naming the mode, when the property is not set. */
    public static final String MODE_VARIABLE = "GEMINI_CASSETTE_MODE";
    /** The configuration parameter (or system property) naming the folder cassettes live in. */
    public static final String ROOT_PROPERTY = "gemini.cassette.dir";
    /** Where cassettes live when nothing says otherwise. */
    public static final String DEFAULT_ROOT = "src/test/resources/cassettes";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GeminiCassetteExtension.class);

    private final Function<String, String> environment;

    /** The extension JUnit makes, reading the process environment. */
    public GeminiCassetteExtension() {
        this(System::getenv);
    }

    GeminiCassetteExtension(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Cassette.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Cassette.class, k -> create(context), Cassette.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Cassette cassette = context.getStore(NAMESPACE).remove(Cassette.class, Cassette.class);
        if (cassette != null) {
            cassette.close();
        }
    }

    private Cassette create(ExtensionContext context) {
        GeminiCassette annotation = annotation(context);
        CassetteMode mode = mode(context);
        String method = context.getTestMethod().map(Method::getName).orElse("all");
        boolean onMethod = context.getTestMethod().map(m -> m.isAnnotationPresent(GeminiCassette.class)).orElse(false);
        // A class's cassette is a folder of one cassette per test: recording one test must not erase another's.
        String name = annotation.value().isBlank() ? context.getRequiredTestClass().getSimpleName() + "/" + method
                : onMethod ? annotation.value().strip() : annotation.value().strip() + "/" + method;
        if (name.contains("..")) {
            throw new ParameterResolutionException("@GeminiCassette: the name " + name + " may not contain ..");
        }
        String root = context.getConfigurationParameter(ROOT_PROPERTY)
                .or(() -> Optional.ofNullable(environment.apply("GEMINI_CASSETTE_DIR")).filter(s -> !s.isBlank()))
                .orElse(annotation.root().isBlank() ? DEFAULT_ROOT : annotation.root());
        Optional<String> key = Optional.ofNullable(environment.apply("GEMINI_API_KEY")).filter(s -> !s.isBlank());
        return new Cassette(name, Path.of(root).resolve(name), mode, key);
    }

    private CassetteMode mode(ExtensionContext context) {
        return mode(context.getConfigurationParameter(MODE_PROPERTY));
    }

    /** The mode: the configuration parameter (or system property) if set, else the environment, else replay. */
    CassetteMode mode(Optional<String> parameter) {
        Optional<String> text = parameter.filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(environment.apply(MODE_VARIABLE)))
                .filter(s -> !s.isBlank());
        try {
            return text.map(CassetteMode::parse).orElse(CassetteMode.REPLAY);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(MODE_PROPERTY + " / " + MODE_VARIABLE + ": " + e.getMessage(), e);
        }
    }

    private static GeminiCassette annotation(ExtensionContext context) {
        Optional<AnnotatedElement> method = context.getTestMethod().map(m -> m);
        return method.map(m -> m.getAnnotation(GeminiCassette.class))
                .or(() -> findOnClass(context.getRequiredTestClass()))
                .orElseThrow(() -> new ParameterResolutionException("a Cassette parameter needs @GeminiCassette on the "
                        + "test method or its class"));
    }

    private static Optional<GeminiCassette> findOnClass(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            GeminiCassette found = c.getAnnotation(GeminiCassette.class);
            if (found != null) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }
}
