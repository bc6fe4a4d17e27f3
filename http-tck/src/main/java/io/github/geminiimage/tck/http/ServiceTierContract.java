package io.github.geminiimage.tck.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.PriceTable;
import io.github.geminiimage.domain.ServiceTier;
import io.github.geminiimage.domain.TokenRates;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.emulator.EmulatorOutcome;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.emulator.RecordedRequest;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.ImageGenerationPort;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Service tiers and cost estimates through an HTTP transport against the emulator: the served tier
 * typed with its raw values, flex deadlines and retries, a replaced price table. Each adapter runs it.
 */
@Timeout(30)
public abstract class ServiceTierContract {

    private static final String KEY = "tier-key";
    private static final RetryPolicy QUICK_FLEX = RetryPolicy.flexDefaults().withBackoff(Duration.ofMillis(10), 2.0,
            Duration.ofMillis(40));

    private GeminiEmulator emulator;

    /** For the adapters' tests. */
    protected ServiceTierContract() {
    }

    @BeforeEach
    void start() {
        emulator = GeminiEmulator.builder().apiKey(KEY).start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    /** The adapter's image port with {@code apiKey} and {@code options}. */
    protected abstract ImageGenerationPort port(String apiKey, HttpOptions options);

    private ImageGenerationPort port(HttpOptions.Builder options) {
        return port(KEY, options.baseUri(emulator.baseUri()).build());
    }

    private static GenerationRequest request(ServiceTier tier) {
        return GenerationRequest.builder().model("gemini-3-pro-image").prompt("A lighthouse").serviceTier(tier).build();
    }

    @Test
    public void theServedTierComesBackTypedWithItsRawValuesAndPricesTheCall() {
        try (ImageGenerationPort port = port(HttpOptions.builder().flexRetryPolicy(QUICK_FLEX))) {
            GenerationResult flex = port.generate(request(ServiceTier.FLEX));
            GenerationResult standard = port.generate(GenerationRequest.builder().model("gemini-3-pro-image")
                    .prompt("A lighthouse").build());

            assertThat(flex.servedTier().header()).contains("flex");
            assertThat(flex.servedTier().trafficType()).contains("ON_DEMAND_FLEX");
            assertThat(flex.servedTier().tier()).contains(ServiceTier.FLEX);
            assertThat(standard.servedTier().isKnown()).isFalse();
            // Same prompt, same usage: flex costs half of standard.
            BigDecimal flexUsd = flex.cost().orElseThrow().usd();
            BigDecimal standardUsd = standard.cost().orElseThrow().usd();
            assertThat(standardUsd).isPositive();
            assertThat(flexUsd.multiply(BigDecimal.valueOf(2))).isEqualByComparingTo(standardUsd);
            assertThat(flex.cost().orElseThrow().priceTable()).isEqualTo(PriceTable.google().date());
        }
    }

    @Test
    public void aStreamedCallCarriesTheServedTierAndTheCostToo() {
        try (ImageGenerationPort port = port(HttpOptions.builder());
                GenerationStream stream = port.stream(request(ServiceTier.PRIORITY))) {
            stream.forEach(event -> { });
            GenerationResult result = stream.result();
            assertThat(result.servedTier().tier()).contains(ServiceTier.PRIORITY);
            assertThat(result.cost()).isPresent();
            assertThat(result.cost().orElseThrow().usd()).isEqualByComparingTo(
                    port.generate(request(ServiceTier.PRIORITY)).cost().orElseThrow().usd());
        }
    }

    @Test
    public void aShedFlexCallIsRetriedWithTheFlexPolicyUntilServed() {
        emulator.shedFlex(2);
        // The client's own policy would give up after the first 503.
        try (ImageGenerationPort port = port(HttpOptions.builder().retryPolicy(RetryPolicy.noRetries())
                .flexRetryPolicy(QUICK_FLEX))) {
            GenerationResult result = port.generate(request(ServiceTier.FLEX));

            assertThat(result.servedTier().tier()).contains(ServiceTier.FLEX);
            assertThat(emulator.requests()).extracting(RecordedRequest::status).containsExactly(503, 503, 200);
        }
    }

    @Test
    public void aFlexCallShedEveryTimeFailsWithThe503AfterItsAttempts() {
        emulator.shedFlex(100);
        try (ImageGenerationPort port = port(HttpOptions.builder().flexRetryPolicy(QUICK_FLEX.withMaxAttempts(3)))) {
            assertThatThrownBy(() -> port.generate(request(ServiceTier.FLEX))).isInstanceOfSatisfying(
                    ServerErrorException.class, e -> assertThat(e.httpStatus()).hasValue(503));
            assertThat(emulator.requests()).hasSize(3);
        }
    }

    @Test
    public void aFlexCallRunsOnTheFlexDeadlineNotTheClientsOverallOne() {
        emulator.always(EmulatorOutcome.of("image").after(Duration.ofMillis(900)));
        try (ImageGenerationPort port = port(HttpOptions.builder().overallDeadline(Duration.ofMillis(300))
                .flexDeadline(Duration.ofSeconds(20)).retryPolicy(RetryPolicy.noRetries()))) {
            assertThat(port.generate(request(ServiceTier.FLEX)).finalImage()).isPresent();
            assertThatThrownBy(() -> port.generate(request(ServiceTier.STANDARD)))
                    .isInstanceOf(GenerationTimeoutException.class);
        }
    }

    @Test
    public void aReplacedPriceTablePricesTheCall() {
        PriceTable mine = PriceTable.builder(LocalDate.of(2027, 3, 1), "test prices")
                .model("gemini-3-pro-image", TokenRates.of("0", "0", "0", "1000000")).build();
        try (ImageGenerationPort port = port(HttpOptions.builder().priceTable(mine))) {
            GenerationResult result = port.generate(GenerationRequest.builder().model("gemini-3-pro-image")
                    .prompt("A lighthouse").build());
            // One dollar per image token: the estimate is the image token count.
            long imageTokens = result.usage().candidatesDetails().stream()
                    .filter(d -> d.modality().value().equals("IMAGE")).mapToLong(d -> d.tokens()).sum();
            assertThat(imageTokens).isPositive();
            assertThat(result.cost().orElseThrow().usd()).isEqualByComparingTo(BigDecimal.valueOf(imageTokens));
            assertThat(result.cost().orElseThrow().priceTable()).isEqualTo(LocalDate.of(2027, 3, 1));
        }
    }
}
