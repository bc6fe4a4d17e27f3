package io.github.geminiimage.spring.boot;

import io.github.geminiimage.adapter.fake.FakeBatches;
import io.github.geminiimage.domain.batch.BatchInputMode;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.port.BatchPort;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.adapter.fake.FakeFiles;
import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.auth.google.GoogleCredentialsTokenSource;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.http.AccessToken;
import io.github.geminiimage.http.AccessTokenSource;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.ImageGenerationPort;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The FilesPort bean on each transport, and Vertex AI from gemini.image.vertex.*. */
class GeminiImageFilesAndVertexTest {

    private static final String KEY = "AIzaSpringFilesKey";
    private static final String TOKEN = "ya29.spring-test-token";
    private static final String MODEL = "gemini-2.5-flash-image";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(GeminiImageAutoConfiguration.class));
    private final StubGeminiServer server = StubGeminiServer.start().reply("/v1beta/files/abc123", "{}");

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String[] props(String... more) {
        List<String> all = new ArrayList<>(List.of("gemini.image.base-url=" + server.uri()));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static GenerationResult generate(AssertableApplicationContext context) {
        return context.getBean(ImageGenerationPort.class)
                .generate(GenerationRequest.builder().model(MODEL).prompt("an axolotl").build());
    }

    private static Throwable rootCause(AssertableApplicationContext context) {
        Throwable t = context.getStartupFailure();
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static byte[] png() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AccessTokenSource tokens(AtomicInteger fetches) {
        return () -> {
            fetches.incrementAndGet();
            return AccessToken.of(TOKEN, Instant.now().plus(1, ChronoUnit.HOURS));
        };
    }

    @Test
    void transportFakeSharesOneFakeFilesStoreWithTheFakePort_soAnUploadedFileCanBeReferenced() {
        runner.withPropertyValues("gemini.image.transport=fake").run(context -> {
            assertThat(context).hasSingleBean(FilesPort.class).hasSingleBean(FakeFiles.class);
            FilesPort files = context.getBean(FilesPort.class);
            byte[] png = png();
            StoredFile stored = files.upload(FileUpload.fromStream(new ByteArrayInputStream(png), png.length)
                    .mimeType(MediaType.PNG).build());
            assertThat(context.getBean(FakeFiles.class).names()).containsExactly(stored.name());

            FakeImageGeneration fake = context.getBean(FakeImageGeneration.class);
            // Without the shared store the fake refuses any stored-file reference.
            fake.generate(GenerationRequest.builder().model(MODEL).prompt("add a hat")
                    .addImage(ImageInput.ofStoredFile(stored)).build());
            fake.assertRequestCount(1);
        });
    }

    @Test
    void transportFakeGivesABatchPortWhoseResultsFilesLiveInTheSharedFilesStore() {
        runner.withPropertyValues("gemini.image.transport=fake").run(context -> {
            assertThat(context).hasSingleBean(BatchPort.class).hasSingleBean(FakeBatches.class);
            BatchJob job = context.getBean(BatchPort.class).submit("mugs", MODEL,
                    List.of(KeyedRequest.of("sku-1", GenerationRequest.builder().model(MODEL).prompt("a mug").build())),
                    BatchSubmitOptions.via(BatchInputMode.FILE));
            assertThat(job.name()).startsWith("batches/");
        });
    }

    @Test
    @Timeout(30)
    void theFakeBatchBeanFinishesAJobWithinSecondsAndItsResultsFileIsInTheSharedStore() {
        runner.withPropertyValues("gemini.image.transport=fake").run(context -> {
            BatchPort batches = context.getBean(BatchPort.class);
            BatchJob job = batches.submit("mugs", MODEL,
                    List.of(KeyedRequest.of("sku-1", GenerationRequest.builder().model(MODEL).prompt("a mug").build())),
                    BatchSubmitOptions.via(BatchInputMode.FILE));

            BatchJob done = batches.await(job.name(), java.time.Duration.ofMinutes(30), j -> { });

            assertThat(done.state().value()).isEqualTo("SUCCEEDED");
            assertThat(done.counts().succeeded()).isEqualTo(1);
            assertThat(context.getBean(FakeFiles.class).get("files/batch-" + job.name().substring("batches/".length())).name())
                    .startsWith("files/batch-");
        });
    }

    @Test
    void transportJdkGivesABatchPortOverHttpWithTheSameBaseUrlAndKey() {
        runner.withPropertyValues(props("gemini.image.api-key=" + KEY)).run(context -> {
            try {
                context.getBean(BatchPort.class).delete("batches/abc123");
            } catch (ImageGenerationException e) {
                // What the loopback server answers does not matter here, only what it received.
            }
            assertThat(server.received()).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("DELETE");
                assertThat(r.path()).isEqualTo("/v1beta/batches/abc123");
                assertThat(r.header("x-goog-api-key")).isEqualTo(KEY);
            });
        });
    }

    @Test
    void theFakeFilesStoreIsClosedWithTheContext() {
        FilesPort[] files = new FilesPort[1];
        runner.withPropertyValues("gemini.image.transport=fake").run(context -> files[0] = context.getBean(FilesPort.class));
        assertThatThrownBy(() -> files[0].get("files/abc123")).isInstanceOf(TransportException.class);
    }

    @Test
    void transportJdkGivesAFilesPortOverHttpWithTheSameBaseUrlAndKey() {
        runner.withPropertyValues(props("gemini.image.api-key=" + KEY)).run(context -> {
            context.getBean(FilesPort.class).delete("files/abc123");
            assertThat(server.received()).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("DELETE");
                assertThat(r.path()).isEqualTo("/v1beta/files/abc123");
                assertThat(r.header("x-goog-api-key")).isEqualTo(KEY);
            });
        });
    }

    @Test
    void transportHttpClient5GivesAFilesPortOverTheLentClient_closedWithTheContextButNotTheClient() throws Exception {
        TrackingCloseableHttpClient lent = new TrackingCloseableHttpClient();
        FilesPort[] files = new FilesPort[1];
        runner.withPropertyValues(props("gemini.image.api-key=" + KEY, "gemini.image.transport=httpclient5"))
                .withBean(CloseableHttpClient.class, () -> lent).run(context -> {
                    files[0] = context.getBean(FilesPort.class);
                    files[0].delete("files/abc123");
                    assertThat(lent.executions()).isEqualTo(1);
                    assertThat(server.received()).singleElement()
                            .satisfies(r -> assertThat(r.path()).isEqualTo("/v1beta/files/abc123"));
                });
        assertThatThrownBy(() -> files[0].delete("files/abc123")).isInstanceOf(TransportException.class);
        assertThat(server.received()).hasSize(1);
        lent.reallyClose();
    }

    @Test
    void aUserFilesPortWins() {
        FakeFiles mine = FakeFiles.create();
        runner.withPropertyValues(props("gemini.image.api-key=" + KEY)).withBean(FilesPort.class, () -> mine)
                .run(context -> assertThat(context).getBean(FilesPort.class).isSameAs(mine));
    }

    @Test
    void aUserImageGenerationPortAloneNeedsNoKeyForTheFilesBeanUnlessItIsUsed() {
        runner.withBean(ImageGenerationPort.class, FakeImageGeneration::create)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void vertexProjectWithAUsersAccessTokenSourceCallsTheVertexPathWithTheBearerToken() {
        AtomicInteger fetches = new AtomicInteger();
        runner.withPropertyValues(props("gemini.image.vertex.project=my-project",
                "gemini.image.vertex.location=us-central1"))
                .withBean(AccessTokenSource.class, () -> tokens(fetches)).run(context -> {
                    assertThat(generate(context).requireImage().mimeType()).isEqualTo("image/png");
                    assertThat(server.received()).singleElement().satisfies(r -> {
                        assertThat(r.path()).isEqualTo("/v1/projects/my-project/locations/us-central1/publishers/google/models/"
                                + MODEL + ":generateContent");
                        assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN);
                        assertThat(r.header("x-goog-api-key")).isNull();
                    });
                    assertThat(fetches.get()).isEqualTo(1);
                });
    }

    @Test
    void vertexLocationDefaultsToGlobal() {
        runner.withPropertyValues(props("gemini.image.vertex.project=my-project"))
                .withBean(AccessTokenSource.class, () -> tokens(new AtomicInteger())).run(context -> {
                    generate(context);
                    assertThat(server.received().get(0).path())
                            .startsWith("/v1/projects/my-project/locations/global/publishers/google/models/");
                });
    }

    @Test
    void onVertexTheFilesBeanExistsButRefusesEveryCallBeforeSending() {
        runner.withPropertyValues(props("gemini.image.vertex.project=my-project"))
                .withBean(AccessTokenSource.class, () -> tokens(new AtomicInteger())).run(context -> {
                    FilesPort files = context.getBean(FilesPort.class);
                    assertThatThrownBy(() -> files.get("files/abc123")).isInstanceOf(InvalidRequestException.class)
                            .hasMessageContaining("Vertex AI has no Files API");
                    assertThat(server.received()).isEmpty();
                });
    }

    @Test
    void vertexProjectWithAnApiKeyIsExpressModeWithTheKey() {
        runner.withPropertyValues(props("gemini.image.api-key=" + KEY, "gemini.image.vertex.project=my-project"))
                .run(context -> {
                    generate(context);
                    assertThat(server.received()).singleElement().satisfies(r -> {
                        assertThat(r.path()).isEqualTo("/v1/publishers/google/models/" + MODEL + ":generateContent");
                        assertThat(r.header("x-goog-api-key")).isEqualTo(KEY);
                    });
                });
    }

    @Test
    void expressModeWithARegionFailsAtStartup() {
        runner.withPropertyValues(props("gemini.image.api-key=" + KEY, "gemini.image.vertex.project=my-project",
                "gemini.image.vertex.location=us-central1"))
                .run(context -> assertThat(rootCause(context)).isInstanceOf(GeminiImageConfigurationException.class)
                        .hasMessageContaining("express mode: it serves only the global location")
                        .message().doesNotContain(KEY));
    }

    @Test
    void vertexWithoutAuthGoogleOrATokenSourceBeanFailsNamingTheArtifact() {
        runner.withClassLoader(new FilteredClassLoader(GoogleCredentialsTokenSource.class))
                .withPropertyValues(props("gemini.image.vertex.project=my-project")).run(context -> {
                    assertThat(rootCause(context)).isInstanceOf(GeminiImageConfigurationException.class)
                            .hasMessageContaining("io.github.geminiimage:gemini-image-auth-google is not on the classpath");
                    assertThat(((GeminiImageConfigurationException) rootCause(context)).action())
                            .contains("io.github.geminiimage:gemini-image-auth-google");
                });
    }

    @Test
    void aUsersTokenSourceIsEnoughWithoutAuthGoogle() {
        runner.withClassLoader(new FilteredClassLoader(GoogleCredentialsTokenSource.class))
                .withPropertyValues(props("gemini.image.vertex.project=my-project"))
                .withBean(AccessTokenSource.class, () -> tokens(new AtomicInteger()))
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void anAuthSchemeWithAccessTokensFailsAtStartup() {
        runner.withPropertyValues(props("gemini.image.vertex.project=my-project", "gemini.image.auth-scheme=bearer"))
                .withBean(AccessTokenSource.class, () -> tokens(new AtomicInteger()))
                .run(context -> assertThat(rootCause(context)).isInstanceOf(GeminiImageConfigurationException.class)
                        .hasMessageContaining("gemini.image.auth-scheme is set"));
    }

    @Test
    void aProjectThatIsNotAnIdentifierFailsAtStartupNamingIt() {
        runner.withPropertyValues(props("gemini.image.vertex.project=my project"))
                .withBean(AccessTokenSource.class, () -> tokens(new AtomicInteger()))
                .run(context -> assertThat(rootCause(context)).isInstanceOf(GeminiImageConfigurationException.class)
                        .hasMessageContaining("project \"my project\""));
    }

    @Test
    void theFakeIgnoresVertexSettingsButNotALocationWithoutAProject() {
        runner.withPropertyValues("gemini.image.transport=fake", "gemini.image.vertex.project=my-project")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(FakeImageGeneration.class));
        runner.withPropertyValues("gemini.image.transport=fake", "gemini.image.vertex.location=us-central1")
                .run(context -> assertThat(rootCause(context)).isInstanceOf(GeminiImageConfigurationException.class)
                        .hasMessageContaining("gemini.image.vertex.project is not"));
    }
}
