package io.github.geminiimage.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.PriceTable;
import io.github.geminiimage.domain.ServiceTier;
import io.github.geminiimage.domain.TokenRates;
import io.github.geminiimage.port.GenerationStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FakeServiceTierTest {

    private static final GenerationRequest FLEX = GenerationRequest.builder().model("gemini-3-pro-image").prompt("A cat")
            .serviceTier(ServiceTier.FLEX).build();
    private static final GenerationRequest PRIORITY = FLEX.toBuilder().serviceTier(ServiceTier.PRIORITY).build();

    @Test
    void byDefaultNoTierIsReportedButEveryAnswerIsPriced() {
        try (FakeImageGeneration fake = FakeImageGeneration.create()) {
            GenerationResult result = fake.generate(FLEX);
            assertThat(result.servedTier().isKnown()).isFalse();
            // Nothing said what served it: priced at the tier asked for.
            assertThat(result.cost()).isEqualTo(PriceTable.google().estimate("gemini-3-pro-image", result,
                    Optional.of(ServiceTier.FLEX), false));
            assertThat(result.cost().orElseThrow().usd()).isPositive();
        }
    }

    @Test
    void echoingReportsTheTierAskedForOnGenerateAndStream() {
        try (FakeImageGeneration fake = FakeImageGeneration.builder().echoServiceTier().build()) {
            GenerationResult result = fake.generate(FLEX);
            assertThat(result.servedTier().header()).contains("flex");
            assertThat(result.servedTier().trafficType()).contains("ON_DEMAND_FLEX");
            try (GenerationStream stream = fake.stream(FLEX)) {
                assertThat(stream.result()).isEqualTo(result);
            }
            assertThat(fake.generate(GenerationRequest.builder().prompt("A dog").build()).servedTier().isKnown()).isFalse();
        }
    }

    @Test
    void aForcedTierScriptsAPriorityCallThatFellBackToStandard() {
        try (FakeImageGeneration fake = FakeImageGeneration.builder().servedTier(ServiceTier.STANDARD).build();
                FakeImageGeneration asked = FakeImageGeneration.builder().echoServiceTier().build()) {
            GenerationResult fellBack = fake.generate(PRIORITY);
            GenerationResult served = asked.generate(PRIORITY);
            assertThat(fellBack.servedTier().tier()).contains(ServiceTier.STANDARD);
            assertThat(fellBack.servedTier().trafficType()).contains("ON_DEMAND");
            // Billed as standard: half of what priority costs in the default table.
            assertThat(fellBack.cost().orElseThrow().usd().multiply(BigDecimal.valueOf(2)))
                    .isEqualByComparingTo(served.cost().orElseThrow().usd());
        }
    }

    @Test
    void aReplacedPriceTableIsUsed() {
        PriceTable table = PriceTable.builder(LocalDate.of(2027, 1, 1), "test")
                .model("gemini-3-pro-image", TokenRates.of("0", "0", "0", "0")).build();
        try (FakeImageGeneration fake = FakeImageGeneration.builder().priceTable(table).build()) {
            assertThat(fake.generate(FLEX).cost().orElseThrow().usd()).isEqualByComparingTo("0");
            assertThat(fake.generate(FLEX).cost().orElseThrow().priceTable()).isEqualTo(LocalDate.of(2027, 1, 1));
        }
    }
}
