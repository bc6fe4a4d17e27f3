package io.github.geminiimage.wire.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.RpcStatus;
import io.github.geminiimage.wire.RpcErrors;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchLineFormatTest {

    @Test
    void statusCodesMapToTheTypedExceptionsAndBack() {
        assertThat(RpcErrors.toException("k", new RpcStatus(8, "quota", Optional.empty()))).isInstanceOf(RateLimitedException.class);
        RpcStatus back = RpcErrors.toStatus(RpcErrors.toException("k", new RpcStatus(3, "bad", Optional.of("INVALID_ARGUMENT"))));
        assertThat(back.code()).isEqualTo(3);
        assertThat(back.message()).isEqualTo("bad");
    }
}
