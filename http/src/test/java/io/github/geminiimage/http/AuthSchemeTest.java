package io.github.geminiimage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** One reading of the auth words, shared by the command line and the Spring Boot starter. */
class AuthSchemeTest {

    @ParameterizedTest
    @CsvSource({"google, GOOGLE_API_KEY_HEADER", "Bearer, BEARER", "raw, RAW_AUTHORIZATION", "QUERY, QUERY_PARAMETER",
        "google-api-key-header, GOOGLE_API_KEY_HEADER", "RAW_AUTHORIZATION, RAW_AUTHORIZATION", " query-parameter , QUERY_PARAMETER"})
    void theShortWordsAndTheConstantNamesNameTheSameSchemes(String text, AuthScheme scheme) {
        assertThat(AuthScheme.parse(text)).isEqualTo(scheme);
    }

    @Test
    void anUnknownWordIsRefusedNamingItAndTheWords() {
        assertThatThrownBy(() -> AuthScheme.parse("basic")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"basic\"").hasMessageContaining("google, bearer, raw, query");
    }
}
