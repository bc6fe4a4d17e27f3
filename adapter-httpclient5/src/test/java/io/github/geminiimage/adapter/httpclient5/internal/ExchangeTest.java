package io.github.geminiimage.adapter.httpclient5.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeTest {

    private static final List<String> SECRETS = List.of("AIzaSECRET", "key=AIzaSECRET");

    @Test
    void scrubLeavesAnExceptionWithoutSecretsAsItIs() {
        IOException plain = new IOException("Connection reset");

        assertThat(Exchange.scrub(plain, SECRETS)).isSameAs(plain);
    }

    @Test
    void scrubReplacesAnExceptionWhoseCauseMentionsASecretAndKeepsItsKind() {
        ConnectException leaky = new ConnectException("refused");
        leaky.initCause(new IOException("GET /x?key=AIzaSECRET"));

        IOException clean = Exchange.scrub(leaky, SECRETS);

        assertThat(clean).isInstanceOf(ConnectException.class).hasNoCause();
        assertThat(clean.getMessage()).doesNotContain("AIzaSECRET").contains("redacted");
        assertThat(clean.getStackTrace()).isEqualTo(leaky.getStackTrace());
    }

    @Test
    void scrubKeepsATimeoutATimeout() {
        IOException clean = Exchange.scrub(new SocketTimeoutException("AIzaSECRET"), SECRETS);

        assertThat(clean).isInstanceOf(SocketTimeoutException.class);
        assertThat(clean.getMessage()).doesNotContain("AIzaSECRET");
    }
}
