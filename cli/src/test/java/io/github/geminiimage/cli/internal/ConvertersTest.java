package io.github.geminiimage.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.http.AuthScheme;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** The option values people type are understood, and mistakes are named. */
class ConvertersTest {

    private final Converters.DurationConverter durations = new Converters.DurationConverter();

    @ParameterizedTest
    @CsvSource({"90s, 90000", "5m, 300000", "1m30s, 90000", "500ms, 500", "1h, 3600000", "PT2M, 120000", "2M, 120000"})
    void durationsAreReadInTheUsualShortForms(String text, long millis) {
        assertThat(durations.convert(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "0s", "5 m", "m5", "-5s", "99999999999999999999s", "1x"})
    void anythingElseIsRefusedWithAnExample(String text) {
        assertThatThrownBy(() -> durations.convert(text)).isInstanceOf(TypeConversionException.class).hasMessageContaining("90s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "120"})
    void aBareNumberIsRefusedAskingForAUnit(String text) {
        assertThatThrownBy(() -> durations.convert(text)).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("has no unit: write " + text + "s for seconds or " + text + "m for minutes");
    }

    @ParameterizedTest
    @CsvSource({"google, GOOGLE_API_KEY_HEADER", "Bearer, BEARER", "RAW, RAW_AUTHORIZATION", "query, QUERY_PARAMETER",
        "raw-authorization, RAW_AUTHORIZATION"})
    void authSchemesAreReadInAnyCase(String text, AuthScheme scheme) {
        assertThat(new Converters.AuthConverter().convert(text)).isEqualTo(scheme);
    }

    @ParameterizedTest
    @CsvSource({"fake, FAKE", "JDK, JDK", "httpclient5, HTTPCLIENT5"})
    void transportsAreReadInAnyCase(String text, Transport transport) {
        assertThat(new Converters.TransportConverter().convert(text)).isEqualTo(transport);
    }

    @ParameterizedTest
    @CsvSource({"prompt-blocked, PROMPT_BLOCKED", "IMAGE_SAFETY, IMAGE_SAFETY", "rate-limited, RATE_LIMITED"})
    void fakeOutcomesAreReadWithDashesOrUnderscores(String text, FakeOutcome outcome) {
        assertThat(new Converters.FakeOutcomeConverter().convert(text)).isEqualTo(outcome);
    }
}
