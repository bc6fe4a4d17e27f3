package io.github.geminiimage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServedTierTest {

    @Test
    void theHeaderNamesTheTierAndTheTrafficTypeBacksItUp() {
        assertThat(new ServedTier(Optional.of("flex"), Optional.of("ON_DEMAND_FLEX")).tier()).contains(ServiceTier.FLEX);
        assertThat(new ServedTier(Optional.empty(), Optional.of("ON_DEMAND_PRIORITY")).tier()).contains(ServiceTier.PRIORITY);
        assertThat(new ServedTier(Optional.empty(), Optional.of("ON_DEMAND")).tier()).contains(ServiceTier.STANDARD);
        assertThat(new ServedTier(Optional.of("standard"), Optional.of("ON_DEMAND_PRIORITY")).tier())
                .contains(ServiceTier.STANDARD);
    }

    @Test
    void anUnknownValueIsKeptRawButNotTyped() {
        ServedTier served = new ServedTier(Optional.empty(), Optional.of("PROVISIONED_THROUGHPUT"));
        assertThat(served.tier()).isEmpty();
        assertThat(served.value()).contains("PROVISIONED_THROUGHPUT");
        assertThat(served.isKnown()).isTrue();
        assertThat(ServedTier.NONE.isKnown()).isFalse();
        assertThat(new ServedTier(Optional.of(" "), Optional.empty())).isEqualTo(ServedTier.NONE);
    }

    @Test
    void aTierIsReadCaseInsensitivelyAndABadOneIsNamed() {
        assertThat(ServiceTier.of("FLEX")).isEqualTo(ServiceTier.FLEX);
        assertThatThrownBy(() -> ServiceTier.of("cheap")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("serviceTier").hasMessageContaining("cheap").hasMessageContaining("flex, standard, priority");
    }

    @Test
    void aRequestCarriesItsTierIntoItsCopies() {
        GenerationRequest request = GenerationRequest.builder().prompt("x").serviceTier(ServiceTier.FLEX).build();
        assertThat(request.serviceTier()).contains(ServiceTier.FLEX);
        assertThat(request.toBuilder().build().serviceTier()).contains(ServiceTier.FLEX);
        assertThat(request.toString()).contains("serviceTier=flex");
        assertThat(GenerationRequest.builder().prompt("x").build().serviceTier()).isEmpty();
    }
}
