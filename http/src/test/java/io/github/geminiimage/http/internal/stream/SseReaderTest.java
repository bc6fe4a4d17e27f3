package io.github.geminiimage.http.internal.stream;

import io.github.geminiimage.wire.Trickle;
import static io.github.geminiimage.http.internal.stream.StreamFixtures.events;
import static io.github.geminiimage.http.internal.stream.StreamFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.ResponseTooLargeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSE framing: line ends, comments, fields, multi-line data, stray JSON, the size cap, no read-ahead. */
class SseReaderTest {

    private static InputStream body(String text) {
        return new ByteArrayInputStream(utf8(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\r\n", "\n", "\r"})
    void splitsEventsWithEveryLineEnd(String eol) throws IOException {
        String text = "data: {\"a\":1}" + eol + eol + "data: {\"b\":2}" + eol + eol;

        assertThat(events(body(text), 1 << 20)).containsExactly("{\"a\":1}", "{\"b\":2}");
    }

    @Test
    void acceptsMixedLineEndsInOneBody() throws IOException {
        String text = "data: one\r\n\ndata: two\r\rdata: three\n\r\n";

        assertThat(events(body(text), 1 << 20)).containsExactly("one", "two", "three");
    }

    @Test
    void joinsMultiLineDataWithNewlines() throws IOException {
        String text = "data: {\r\ndata:   \"a\": 1\r\ndata\r\ndata: }\r\n\r\n";

        assertThat(events(body(text), 1 << 20)).containsExactly("{\n  \"a\": 1\n\n}");
    }

    @Test
    void ignoresCommentsOtherFieldsAndEventsWithoutData() throws IOException {
        String text = ": keep-alive\n\nevent: message\nid: 7\nretry: 100\ndata:x\n: a comment inside\nfoo: bar\n\n"
                + "event: ping\n\n: only a comment\n\n";

        assertThat(events(body(text), 1 << 20)).containsExactly("x");
    }

    @Test
    void keepsALastEventThatTheBodyEndsWithoutABlankLine() throws IOException {
        assertThat(events(body("data: a\n\ndata: b"), 1 << 20)).containsExactly("a", "b");
    }

    @Test
    void keepsJsonAfterTheLastEventAsStrayJson() throws IOException {
        String tail = "{\n  \"error\": {\n    \"code\": 503\n  }\n}\n";
        SseReader reader = new SseReader(body("data: a\n\n" + tail), 1 << 20);

        assertThat(new String(reader.nextEvent().orElseThrow().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a");
        assertThat(reader.nextEvent()).isEmpty();
        assertThat(new String(reader.strayJson().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo(tail);
    }

    @Test
    void endsTheEventWhenJsonFollowsADataLineDirectly() throws IOException {
        SseReader reader = new SseReader(body("data: a\n{\"error\":{}}"), 1 << 20);

        assertThat(reader.nextEvent().orElseThrow().readAllBytes()).isEqualTo(utf8("a"));
        assertThat(reader.nextEvent()).isEmpty();
        assertThat(reader.strayJson()).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("{\"error\":{}}")));
    }

    @Test
    void skipsTheRestOfAnEventTheCallerDidNotRead() throws IOException {
        SseReader reader = new SseReader(body("data: abcdef\ndata: ghi\n\ndata: next\n\n"), 1 << 20);

        assertThat(reader.nextEvent().orElseThrow().read()).isEqualTo('a');
        assertThat(reader.nextEvent().orElseThrow().readAllBytes()).isEqualTo(utf8("next"));
        assertThat(reader.nextEvent()).isEmpty();
    }

    @Test
    void handsOutAnEventWithoutReadingPastItsBlankLine() throws IOException {
        InputStream failsIfReadFurther = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("read past the first event");
            }
        };
        InputStream body = new SequenceInputStream(body("data: first\r\n\r\n"), failsIfReadFurther);

        Optional<InputStream> event = new SseReader(body, 1 << 20).nextEvent();

        assertThat(event.orElseThrow().readAllBytes()).isEqualTo(utf8("first"));
    }

    @Test
    void readsAnEventsDataFromTheBodyAsItArrivesNotAfterBufferingIt() throws IOException {
        byte[] payload = new byte[4 << 20];
        Arrays.fill(payload, (byte) 'A');
        byte[] text = concat(utf8("data: "), payload, utf8("\r\n\r\n"));
        Trickle body = Trickle.random(text, 8192, 1);
        InputStream data = new SseReader(body, 8 << 20).nextEvent().orElseThrow();

        byte[] first = data.readNBytes(1 << 20);

        assertThat(first).containsOnly((byte) 'A').hasSize(1 << 20);
        assertThat(body.consumed()).isLessThan((1 << 20) + 32 * 1024);
    }

    @Test
    void givesTheSameEventsWhateverTheReadSizes() throws IOException {
        byte[] text = StreamFixtures.sseRaw("16");
        List<String> whole = events(new ByteArrayInputStream(text), 1 << 20);

        for (int seed = 0; seed < 50; seed++) {
            assertThat(events(Trickle.random(text, 1 + seed % 7, seed), 1 << 20)).as("seed %d", seed)
                    .isEqualTo(whole);
        }
        assertThat(whole).hasSize(3);
    }

    @Test
    void failsWhenTheWholeStreamExceedsTheCap() {
        String text = "data: 0123456789\n\n".repeat(100);

        assertThatThrownBy(() -> events(body(text), 1000)).isInstanceOf(ResponseTooLargeException.class)
                .hasMessageContaining("1000 bytes");
    }

    @Test
    void keepsAtMostTheStrayLimitOfATail() throws IOException {
        String tail = "{" + "x".repeat(SseReader.MAX_STRAY_BYTES * 2);
        SseReader reader = new SseReader(body("data: a\n\n" + tail), 1 << 20);
        reader.nextEvent();

        assertThat(reader.nextEvent()).isEmpty();
        assertThat(reader.strayJson().orElseThrow()).hasSize(SseReader.MAX_STRAY_BYTES);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
