package io.github.geminiimage.domain.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.InvalidRequestException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The batch values, the line scanner and the folder names. */
class BatchValuesTest {

    @Test
    void statesAreReadWithEitherPrefixAndStayOpen() {
        assertThat(BatchState.of("BATCH_STATE_RUNNING")).isEqualTo(BatchState.RUNNING);
        assertThat(BatchState.of("JOB_STATE_SUCCEEDED")).isEqualTo(BatchState.SUCCEEDED);
        assertThat(BatchState.of("EXPIRED").isTerminal()).isTrue();
        assertThat(BatchState.of("BATCH_STATE_PAUSED").isKnown()).isFalse();
        assertThat(BatchState.of("BATCH_STATE_PAUSED").isTerminal()).isFalse();
        assertThat(BatchState.RUNNING.wireName()).isEqualTo("BATCH_STATE_RUNNING");
    }

    @Test
    void namesAndKeysAreCheckedNamingTheField() {
        assertThat(BatchJob.checkName("abc123")).isEqualTo("batches/abc123");
        assertThatThrownBy(() -> BatchJob.checkName("batches/../x")).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("name:");
        assertThatThrownBy(() -> KeyedRequest.checkKey("")).hasMessageStartingWith("key:");
        assertThatThrownBy(() -> KeyedRequest.checkKey("a\nb")).hasMessageStartingWith("key:");
    }

    @Test
    void autoIsInlineOnlyForFewSmallRequests() {
        BatchSubmitOptions auto = BatchSubmitOptions.defaults();
        assertThat(auto.resolve(32, 1000)).isEqualTo(BatchInputMode.INLINE);
        assertThat(auto.resolve(33, 1000)).isEqualTo(BatchInputMode.FILE);
        assertThat(auto.resolve(2, 19_000_000)).isEqualTo(BatchInputMode.FILE);
        assertThat(BatchSubmitOptions.via(BatchInputMode.INLINE).resolve(1000, 1)).isEqualTo(BatchInputMode.INLINE);
    }

    @Test
    void aResultHoldsExactlyOneOfResultAndError() {
        assertThatThrownBy(() -> new BatchResult("k", Optional.empty(), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }
}
