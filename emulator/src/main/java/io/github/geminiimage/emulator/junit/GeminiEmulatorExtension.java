package io.github.geminiimage.emulator.junit;

import io.github.geminiimage.emulator.GeminiEmulator;
import java.net.URI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link GeminiEmulator} per test class (stopped after the class), resets it before
 * each test, and injects it, or its base URI, into constructors, test and lifecycle methods; the
 * README's "Test any SDK against the emulator" shows a test class using it.
 */
public final class GeminiEmulatorExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GeminiEmulatorExtension.class);

    /** Holds the emulator in the class's store so that JUnit closes it after the class. */
    private static final class Holder implements AutoCloseable {
        final GeminiEmulator emulator = GeminiEmulator.start();

        @Override
        public void close() {
            emulator.close();
        }
    }

    /** Starts the class's emulator. */
    @Override
    public void beforeAll(ExtensionContext context) {
        emulator(context);
    }

    /** Resets the emulator: no queued outcomes, an empty request log, no files, no jobs. */
    @Override
    public void beforeEach(ExtensionContext context) {
        emulator(context).reset();
    }

    /** Resolves parameters of type {@link GeminiEmulator} and {@link URI}. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == GeminiEmulator.class || type == URI.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        GeminiEmulator emulator = emulator(context);
        return parameter.getParameter().getType() == URI.class ? emulator.baseUri() : emulator;
    }

    private static GeminiEmulator emulator(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent(Holder.class, k -> new Holder(), Holder.class).emulator;
    }
}
