package io.github.geminiimage.wire.internal.codec;

import static io.github.geminiimage.wire.internal.codec.Fixtures.random;
import static io.github.geminiimage.wire.internal.codec.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageSink;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.TransportException;
import io.github.geminiimage.domain.sink.SinkSession;
import io.github.geminiimage.wire.Trickle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reply decoded to a sink gives the sink exactly the bytes the in-memory decoder gives the
 * image, whatever the base64 looks like and however the stream arrives; the result describes the
 * image and holds no bytes; a reply that fails midway leaves no file.
 */
class ReplyDecoderSinkTest {

    private static final long CAP = 64L << 20;

    @TempDir
    Path dir;

    /** The bytes each image of the reply sent to a stream sink, in order, and the result. */
    private record Sunk(List<byte[]> images, GenerationResult result) {
    }

    private static Sunk decodeToStreams(byte[] body, java.io.InputStream in, boolean declared) throws IOException {
        List<ByteArrayOutputStream> outs = new ArrayList<>();
        SinkSession session = SinkSession.open(ImageSink.toStreams(slot -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            outs.add(out);
            return out;
        }));
        GenerationResult result = session.commit(ReplyDecoder.decode(in,
                declared ? OptionalLong.of(body.length) : OptionalLong.empty(), CAP, session));
        return new Sunk(outs.stream().map(ByteArrayOutputStream::toByteArray).toList(), result);
    }

    @Test
    void theSinkGetsTheSameBytesAsTheInMemoryDecoderForEveryShapeOfBase64() throws IOException {
        byte[] image = random(300_001, 7);
        String plain = Base64.getEncoder().encodeToString(image);
        List<String> shapes = List.of(plain, plain.replace("/", "\\/"), Base64.getUrlEncoder().encodeToString(image),
                plain.replace("=", ""), Base64.getMimeEncoder().encodeToString(image).replace("\r\n", "\\n"));
        for (String base64 : shapes) {
            byte[] body = utf8(ReplyDecoderStreamingTest.reply(base64));
            byte[] inMemory = ReplyDecoder.decode(new ByteArrayInputStream(body), OptionalLong.of(body.length), CAP)
                    .images().get(0).bytes();
            for (int trickle : new int[] {1, 5_000, JsonScanner.CHUNK + 3, 1 << 20}) {
                for (boolean declared : new boolean[] {true, false}) {
                    Sunk sunk = decodeToStreams(body, Trickle.random(body, trickle, trickle), declared);

                    assertThat(sunk.images()).hasSize(1);
                    assertThat(sunk.images().get(0)).as("reads of 1..%d, declared %s", trickle, declared)
                            .isEqualTo(inMemory).isEqualTo(image);
                    assertThat(sunk.result().requireImage().written().orElseThrow().byteCount()).isEqualTo(image.length);
                }
            }
        }
    }

    @Test
    void aFileSinkWritesTheImageAndTheResultKeepsTheRestOfTheReply() throws IOException {
        byte[] image = random(100_000, 3);
        byte[] body = utf8(ReplyDecoderStreamingTest.reply(Base64.getEncoder().encodeToString(image)));
        Path file = dir.resolve("out.png");
        SinkSession session = SinkSession.open(ImageSink.toFile(file));

        GenerationResult result = session.commit(ReplyDecoder.decode(new ByteArrayInputStream(body),
                OptionalLong.of(body.length), CAP, session));

        assertThat(Files.readAllBytes(file)).isEqualTo(image);
        assertThat(result.text()).isEqualTo("Here it is");
        Part.Image part = (Part.Image) result.candidates().get(0).parts().get(1);
        assertThat(part.thoughtSignature()).contains("c2ln");
        assertThat(part.image().mimeType()).isEqualTo("image/png");
        assertThat(names()).containsExactly("out.png");
    }

    @Test
    void inlineDataThatIsNotAnImageIsTakenBackAndKeptAsJson() throws IOException {
        String pdf = Base64.getEncoder().encodeToString("%PDF-1.7 not an image".getBytes());
        byte[] body = utf8("{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"application/pdf\","
                + "\"data\":\"" + pdf + "\"}}]},\"finishReason\":\"STOP\"}]}");
        SinkSession session = SinkSession.open(ImageSink.toFile(dir.resolve("x.png")));

        GenerationResult result = session.commit(ReplyDecoder.decode(new ByteArrayInputStream(body),
                OptionalLong.of(body.length), CAP, session));

        Part.Other other = (Part.Other) result.candidates().get(0).parts().get(0);
        assertThat(other.json()).contains(pdf);
        assertThat(names()).isEmpty();
    }

    @Test
    void aReplyCutShortInsideTheImageLeavesNoFileOnceAborted() throws IOException {
        byte[] image = random(200_000, 5);
        byte[] whole = utf8(ReplyDecoderStreamingTest.reply(Base64.getEncoder().encodeToString(image)));
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
        SinkSession session = SinkSession.open(ImageSink.toFile(dir.resolve("cut.png")));

        assertThatThrownBy(() -> ReplyDecoder.decode(new ByteArrayInputStream(cut), OptionalLong.empty(), CAP, session))
                .isInstanceOf(MalformedResponseException.class);
        assertThat(names()).singleElement().asString().endsWith(".part");
        session.abort();
        assertThat(names()).isEmpty();
    }

    @Test
    void aSinkThatCannotBeWrittenIsANonRetryableTransportException() {
        byte[] body = utf8(ReplyDecoderStreamingTest.reply(Base64.getEncoder().encodeToString(random(200_000, 9))));
        SinkSession session = SinkSession.open(ImageSink.toStreams(slot -> new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }
        }));

        assertThatThrownBy(() -> ReplyDecoder.decode(new ByteArrayInputStream(body), OptionalLong.of(body.length), CAP, session))
                .isInstanceOf(TransportException.class).hasMessageContaining("No space left on device")
                .matches(e -> !((TransportException) e).isRetryable());
    }

    @Test
    void decodingToASinkAllocatesAFixedAmountWhateverTheImageSize() throws IOException {
        long small = allocationFor(1_000_000);
        long large = allocationFor(8_000_000);

        // The in-memory decoder allocates at least the image; to a sink the cost does not grow with it.
        assertThat(large - small).isLessThan(256 * 1024);
    }

    private static long allocationFor(int imageBytes) throws IOException {
        byte[] body = utf8(ReplyDecoderStreamingTest.reply(Base64.getEncoder().encodeToString(random(imageBytes, imageBytes))));
        for (int warm = 0; warm < 3; warm++) {
            decodeDiscarding(body);
        }
        long before = Fixtures.allocatedBytes();
        decodeDiscarding(body);
        return Fixtures.allocatedBytes() - before;
    }

    private static void decodeDiscarding(byte[] body) throws IOException {
        SinkSession session = SinkSession.open(ImageSink.toStreams(slot -> OutputStream.nullOutputStream()));
        session.commit(ReplyDecoder.decode(new ByteArrayInputStream(body), OptionalLong.of(body.length), CAP, session));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
