package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.emulator.EmulatorOutcome;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.emulator.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.PriceTable;
import io.github.geminiimage.domain.ServiceTier;
import io.github.geminiimage.domain.TokenRates;
import io.github.geminiimage.domain.error.GenerationTimeoutException;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.ImageGenerationPort;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Service tiers and cost estimates through the JDK transport against the emulator. */
@Timeout(30)
class ServiceTierOverHttpTest {

    private static final String KEY = "tier-key";
    private static final RetryPolicy QUICK_FLEX = RetryPolicy.flexDefaults().withBackoff(Duration.ofMillis(10), 2.0,
            Duration.ofMillis(40));

    private GeminiEmulator emulator;

    @BeforeEach
    void start() {
        emulator = GeminiEmulator.builder().apiKey(KEY).start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    static Stream<Arguments> transports() {
        BiFunction<String, HttpOptions, ImageGenerationPort> jdk = (key, options) -> JdkHttpImageGeneration.builder()
                .apiKey(key).options(options).build();
        return Stream.of(Arguments.of("jdk", jdk));
    }

    private ImageGenerationPort port(BiFunction<String, HttpOptions, ImageGenerationPort> factory, HttpOptions.Builder options) {
        return factory.apply(KEY, options.baseUri(emulator.baseUri()).build());
    }

    private static GenerationRequest request(ServiceTier tier) {
        return GenerationRequest.builder().model("gemini-3-pro-image").prompt("A lighthouse").serviceTier(tier).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void theServedTierComesBackTypedWithItsRawValuesAndPricesTheCall(String name,
            BiFunction<String, HttpOptions, ImageGenerationPort> factory) {
        try (ImageGenerationPort port = port(factory, HttpOptions.builder().flexRetryPolicy(QUICK_FLEX))) {
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aStreamedCallCarriesTheServedTierAndTheCostToo(String name,
            BiFunction<String, HttpOptions, ImageGenerationPort> factory) {
        try (ImageGenerationPort port = port(factory, HttpOptions.builder());
                GenerationStream stream = port.stream(request(ServiceTier.PRIORITY))) {
            stream.forEach(event -> { });
            GenerationResult result = stream.result();
            assertThat(result.servedTier().tier()).contains(ServiceTier.PRIORITY);
            assertThat(result.cost()).isPresent();
            assertThat(result.cost().orElseThrow().usd()).isEqualByComparingTo(
                    port.generate(request(ServiceTier.PRIORITY)).cost().orElseThrow().usd());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aShedFlexCallIsRetriedWithTheFlexPolicyUntilServed(String name,
            BiFunction<String, HttpOptions, ImageGenerationPort> factory) {
        emulator.shedFlex(2);
        // The client's own policy would give up after the first 503.
        try (ImageGenerationPort port = port(factory, HttpOptions.builder().retryPolicy(RetryPolicy.noRetries())
                .flexRetryPolicy(QUICK_FLEX))) {
            GenerationResult result = port.generate(request(ServiceTier.FLEX));

            assertThat(result.servedTier().tier()).contains(ServiceTier.FLEX);
            assertThat(emulator.requests()).extracting(RecordedRequest::status).containsExactly(503, 503, 200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aFlexCallShedEveryTimeFailsWithThe503AfterItsAttempts(String name,
            BiFunction<String, HttpOptions, ImageGenerationPort> factory) {
        emulator.shedFlex(100);
        try (ImageGenerationPort port = port(factory, HttpOptions.builder().flexRetryPolicy(QUICK_FLEX.withMaxAttempts(3)))) {
            assertThatThrownBy(() -> port.generate(request(ServiceTier.FLEX))).isInstanceOfSatisfying(
                    ServerErrorException.class, e -> assertThat(e.httpStatus()).hasValue(503));
            assertThat(emulator.requests()).hasSize(3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aFlexCallRunsOnTheFlexDeadlineNotTheClientsOverallOne(String name,
            BiFunction<String, HttpOptions, ImageGenerationPort> factory) {
        emulator.always(EmulatorOutcome.of("image").after(Duration.ofMillis(900)));
        try (ImageGenerationPort port = port(factory, HttpOptions.builder().overallDeadline(Duration.ofMillis(300))
                .flexDeadline(Duration.ofSeconds(20)).retryPolicy(RetryPolicy.noRetries()))) {
            assertThat(port.generate(request(ServiceTier.FLEX)).finalImage()).isPresent();
            assertThatThrownBy(() -> port.generate(request(ServiceTier.STANDARD)))
                    .isInstanceOf(GenerationTimeoutException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transports")
    void aReplacedPriceTablePricesTheCall(String name, BiFunction<String, HttpOptions, ImageGenerationPort> factory) {
        PriceTable mine = PriceTable.builder(LocalDate.of(2027, 3, 1), "test prices")
                .model("gemini-3-pro-image", TokenRates.of("0", "0", "0", "1000000")).build();
        try (ImageGenerationPort port = port(factory, HttpOptions.builder().priceTable(mine))) {
            GenerationResult result = port.generate(GenerationRequest.builder().model("gemini-3-pro-image")
                    .prompt("A lighthouse").build());
            // One dollar per image token: the estimate is the image token count.
            long imageTokens = result.usage().candidatesDetails().stream()
                    .filter(d -> d.modality().value().equals("IMAGE")).mapToLong(d -> d.tokens()).sum();
            assertThat(imageTokens).isPositive();
            assertThat(result.cost().orElseThrow().usd()).isEqualByComparingTo(BigDecimal.valueOf(imageTokens));
            assertThat(result.cost().orElseThrow().priceTable()).isEqualTo(LocalDate.of(2027, 3, 1));
        }
        assertThat(List.of(name)).isNotEmpty();
    }
}
