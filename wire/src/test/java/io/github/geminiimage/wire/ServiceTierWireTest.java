package io.github.geminiimage.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ServedTier;
import io.github.geminiimage.domain.ServiceTier;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.error.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceTierWireTest {

    private static String body(GenerationRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GenerateContentCodec.write(request, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static GenerationResult read(String json) throws IOException {
        return GenerateContentCodec.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), 1 << 20);
    }

    @Test
    void theTierIsSentTopLevelInLowerCaseAndOnlyWhenSet() throws IOException {
        String flex = body(GenerationRequest.builder().prompt("a cat").serviceTier(ServiceTier.FLEX).build());
        assertThat(flex).endsWith(",\"serviceTier\":\"flex\"}");
        assertThat(body(GenerationRequest.builder().prompt("a cat").build())).doesNotContain("serviceTier");
    }

    @Test
    void theServerHalfReadsTheTierBackInBothSpellings() throws IOException {
        GenerationRequest request = GenerationRequest.builder().prompt("a cat").serviceTier(ServiceTier.PRIORITY).build();
        byte[] bytes = body(request).getBytes(StandardCharsets.UTF_8);
        assertThat(GenerateContentCodec.readRequest(new ByteArrayInputStream(bytes), "gemini-3-pro-image", 1 << 20)
                .serviceTier()).contains(ServiceTier.PRIORITY);
        String enumSpelling = "{\"contents\":[{\"parts\":[{\"text\":\"a\"}]}],\"serviceTier\":\"SERVICE_TIER_FLEX\"}";
        assertThat(GenerateContentCodec.readRequest(new ByteArrayInputStream(enumSpelling.getBytes(StandardCharsets.UTF_8)),
                "gemini-3-pro-image", 1 << 20).serviceTier()).contains(ServiceTier.FLEX);
        String bad = "{\"contents\":[{\"parts\":[{\"text\":\"a\"}]}],\"serviceTier\":\"cheap\"}";
        assertThatThrownBy(() -> GenerateContentCodec.readRequest(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)),
                "gemini-3-pro-image", 1 << 20)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("cheap");
    }

    @Test
    void theTrafficTypeOfTheUsageIsKeptRawOnTheResult() throws IOException {
        GenerationResult result = read("{\"candidates\":[],\"usageMetadata\":{\"promptTokenCount\":3,"
                + "\"trafficType\":\"ON_DEMAND_FLEX\"}}");
        assertThat(result.servedTier().trafficType()).contains("ON_DEMAND_FLEX");
        assertThat(result.servedTier().tier()).contains(ServiceTier.FLEX);
        assertThat(result.servedTier().header()).isEmpty();
        assertThat(read("{\"candidates\":[]}").servedTier()).isEqualTo(ServedTier.NONE);
        assertThat(read("{\"usage_metadata\":{\"traffic_type\":\"PROVISIONED_THROUGHPUT\"}}").servedTier().value())
                .contains("PROVISIONED_THROUGHPUT");
    }

    @Test
    void aServerWritesTheServedTrafficTypeBack() throws IOException {
        GenerationResult served = new GenerationResult(List.of(), Optional.empty(), Usage.of(1, 2, 3), Optional.empty(),
                Optional.empty()).withServedTier(ServedTier.of(ServiceTier.PRIORITY));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GenerateContentCodec.encodeReply(served).writeTo(out);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"trafficType\":\"ON_DEMAND_PRIORITY\"");
        assertThat(read(out.toString(StandardCharsets.UTF_8)).servedTier().tier()).contains(ServiceTier.PRIORITY);

        ByteArrayOutputStream vertex = new ByteArrayOutputStream();
        GenerateContentCodec.encodeVertexReply(served.withServedTier(ServedTier.NONE), Instant.EPOCH).writeTo(vertex);
        assertThat(vertex.toString(StandardCharsets.UTF_8)).contains("\"trafficType\":\"ON_DEMAND\"");
    }
}
