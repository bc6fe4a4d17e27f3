package io.github.geminiimage.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.adapter.fake.FakeGeminiClient;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.port.ImageGenerationPort;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One GeminiClient bean per application, the three port beans its views; the application's own client wins. */
class GeminiClientBeanTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GeminiImageAutoConfiguration.class));

    @Test
    void theThreePortBeansAreViewsOfTheOneClientBeanOverHttp() {
        runner.withPropertyValues("gemini.image.api-key=AIzaSpringClientKey", "gemini.image.base-url=http://127.0.0.1:9")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(GeminiClient.class);
                    GeminiClient client = context.getBean(GeminiClient.class);
                    assertThat(context.getBean(ImageGenerationPort.class)).isSameAs(client.images());
                    assertThat(context.getBean(FilesPort.class)).isSameAs(client.files());
                    assertThat(context.getBean(BatchPort.class)).isSameAs(client.batches());
                });
    }

    @Test
    void theFakeIsOneFakeGeminiClientWhoseViewsAreThePortBeans() {
        runner.withPropertyValues("gemini.image.transport=fake").run(context -> {
            FakeGeminiClient client = context.getBean(FakeGeminiClient.class);
            assertThat(context.getBean(ImageGenerationPort.class)).isSameAs(client.images());
            assertThat(context.getBean(FilesPort.class)).isSameAs(client.files());
            assertThat(context.getBean(BatchPort.class)).isSameAs(client.batches());
        });
    }

    @Test
    void theApplicationsOwnClientWinsAndThePortBeansAreItsViewsClosedWithIt() {
        GeminiClient[] seen = new GeminiClient[1];
        runner.withUserConfiguration(UserClient.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(GeminiClient.class);
            GeminiClient mine = context.getBean(UserClient.class).client;
            seen[0] = mine;
            assertThat(context.getBean(GeminiClient.class)).isSameAs(mine);
            assertThat(context.getBean(ImageGenerationPort.class)).isSameAs(mine.images());
            assertThat(context.getBean(FilesPort.class)).isSameAs(mine.files());
            assertThat(context.getBean(BatchPort.class)).isSameAs(mine.batches());
        });
        assertThatThrownBy(() -> seen[0].files().listPage(10, Optional.empty())).isInstanceOf(ImageGenerationException.class);
    }

    /** An application that builds its own client (no gemini.image.* properties needed). */
    @Configuration(proxyBeanMethods = false)
    static class UserClient {
        final FakeGeminiClient client = FakeGeminiClient.create();

        @Bean
        GeminiClient myGeminiClient() {
            return client;
        }
    }
}
