package io.github.geminiimage.spring.boot;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.port.ImageGenerationPort;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Starts the auto-configuration from inside {@link OptionalDependenciesTest}'s class loader, which
 * lacks the fake and Micrometer; loaded there, so it speaks to the test in strings only.
 */
public final class IsolatedStarter {

    private IsolatedStarter() {
    }

    /**
     * Starts a context with {@code properties}; answers the port's class and the MIME type of one
     * generated image, or {@code "failed: "} and the startup failure's root message.
     */
    public static String start(String[] properties) {
        AtomicReference<String> outcome = new AtomicReference<>();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(GeminiImageAutoConfiguration.class))
                .withPropertyValues(properties)
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    if (failure != null) {
                        while (failure.getCause() != null) {
                            failure = failure.getCause();
                        }
                        outcome.set("failed: " + failure.getMessage());
                        return;
                    }
                    ImageGenerationPort port = context.getBean(ImageGenerationPort.class);
                    String mime = port.generate(GenerationRequest.builder().model("gemini-2.5-flash-image")
                            .prompt("an axolotl").build()).requireImage().mimeType();
                    outcome.set(port.getClass().getName() + " " + mime);
                });
        return outcome.get();
    }
}
