package io.github.geminiimage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.domain.error.InvalidRequestException;
import java.net.URI;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Inline limits belong to the endpoint, can be replaced in HttpOptions, and name their source when they refuse. */
class InlineLimitsTest {

    private static final byte[] PNG = Base64.getDecoder().decode(Fixture.ONE_PIXEL_PNG);

    private static ImageInput png(int size) {
        return ImageInput.ofBytes(Arrays.copyOf(PNG, size));
    }

    @Test
    void eachEndpointHasTheLimitsItsDocumentationGives() {
        assertThat(Endpoint.geminiApi().inlineLimits().maxInlineBytesPerRequest()).isEqualTo(OptionalLong.of(100_000_000));
        assertThat(Endpoint.geminiApi().inlineLimits().maxImageBytes()).isEmpty();
        assertThat(Endpoint.vertex("p", "global").inlineLimits().maxImageBytes()).isEqualTo(OptionalLong.of(7L * 1024 * 1024));
        assertThat(Endpoint.vertexExpress().inlineLimits()).isEqualTo(InlineLimits.vertexAi());
        assertThat(Endpoint.geminiApi().withBaseUri(URI.create("http://proxy.local")).inlineLimits())
                .isEqualTo(InlineLimits.geminiApi());
    }

    @Test
    void limitsSetInHttpOptionsReplaceTheEndpointsWhicheverIsSetFirst() {
        InlineLimits proxy = InlineLimits.stated("the proxy's documentation").withMaxImages(3);

        HttpOptions before = HttpOptions.builder().inlineLimits(proxy).endpoint(Endpoint.vertex("p", "global")).build();
        HttpOptions after = HttpOptions.builder().endpoint(Endpoint.vertex("p", "global")).inlineLimits(proxy).build();

        assertThat(before.endpoint().inlineLimits()).isEqualTo(proxy);
        assertThat(after.endpoint().inlineLimits()).isEqualTo(proxy);
        assertThat(before.toBuilder().build().endpoint().inlineLimits()).isEqualTo(proxy);
        assertThat(HttpOptions.defaults().endpoint().inlineLimits()).isEqualTo(InlineLimits.geminiApi());
    }

    @Test
    void thePerRequestLimitCountsTheBase64OfEveryInlineImageHistoryIncluded() {
        InlineLimits small = InlineLimits.stated("a test proxy").withMaxInlineBytesPerRequest(1500);
        GenerationRequest oneKilobyteEach = GenerationRequest.builder().prompt("edit")
                .history(List.of(new Turn.User(Optional.of("first"), List.of(png(700))), new Turn.Model(List.of(
                        new io.github.geminiimage.domain.Part.Text("ok", false, Optional.empty())))))
                .addImage(png(700)).build();

        assertThatThrownBy(() -> small.check(oneKilobyteEach)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).contains("images");
            assertThat(e.getMessage()).contains("1872 bytes of inline data (base64)")
                    .contains("at most 1500 bytes of inline data per request, the limit of a test proxy");
        });
        small.check(GenerationRequest.builder().prompt("edit").addImage(png(700)).build());
    }

    @Test
    void referencedImagesAreNotInline() {
        InlineLimits none = InlineLimits.stated("a proxy that takes no inline image").withMaxImages(0);

        none.check(GenerationRequest.builder().prompt("edit")
                .addImage(ImageInput.ofUri(URI.create("gs://bucket/a.png"), MediaType.PNG)).build());
        assertThatThrownBy(() -> none.check(GenerationRequest.builder().prompt("edit").addImage(png(100)).build()))
                .hasMessageContaining("1 inline images").hasMessageContaining("at most 0 inline images per request");
    }

    @Test
    void aPerImageLimitNamesTheImageItsSizeAndTheSource() {
        InlineLimits vertexLike = InlineLimits.stated("my gateway").withMaxImageBytes(500);

        assertThatThrownBy(() -> vertexLike.check(GenerationRequest.builder().prompt("edit").addImage(png(100))
                .addImage(png(501)).build())).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).contains("images[1]");
                    assertThat(e.getMessage()).contains("501 bytes").contains("at most 500 bytes").contains("my gateway");
                });
    }

    @Test
    void limitsMustSayWhereTheyComeFrom() {
        assertThatThrownBy(() -> InlineLimits.stated(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("source");
    }
}
