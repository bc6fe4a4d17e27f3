package io.github.geminiimage.http.internal.engine;

import io.github.geminiimage.http.internal.error.RequestBodyException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.http.RequestBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class CountingRequestBodyTest {

    private static RequestBody body(byte[] bytes, IOException failAfter) {
        return new RequestBody() {
            @Override
            public long contentLength() {
                return bytes.length;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes, 0, bytes.length / 2);
                out.write(bytes[bytes.length / 2]);
                if (failAfter != null) {
                    throw failAfter;
                }
                out.write(bytes, bytes.length / 2 + 1, bytes.length - bytes.length / 2 - 1);
            }
        };
    }

    @Test
    void countsEveryByteOverEveryAttempt() throws IOException {
        CountingRequestBody counting = new CountingRequestBody(body(new byte[101], null));
        counting.writeTo(new ByteArrayOutputStream());
        counting.writeTo(new ByteArrayOutputStream());
        assertThat(counting.bytesWritten()).isEqualTo(202);
        assertThat(counting.contentLength()).isEqualTo(101);
    }

    @Test
    void aFailureOfTheBodyItselfIsMarked() {
        CountingRequestBody counting = new CountingRequestBody(body(new byte[10], new IOException("file changed")));
        assertThatThrownBy(() -> counting.writeTo(new ByteArrayOutputStream()))
                .isInstanceOf(RequestBodyException.class).hasMessage("file changed");
    }

    @Test
    void aFailureOfTheConnectionPassesThroughUnchanged() {
        SocketException reset = new SocketException("Connection reset");
        CountingRequestBody counting = new CountingRequestBody(body(new byte[10], null));
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw reset;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw reset;
            }
        };
        assertThatThrownBy(() -> counting.writeTo(broken)).isSameAs(reset);
    }
}
