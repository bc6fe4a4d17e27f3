package io.github.geminiimage.domain.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageSink;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.PixelSize;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.WrittenImage;
import io.github.geminiimage.domain.error.TransportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkSessionTest {

    @TempDir
    Path dir;

    private final byte[] draft = png(32, 16, 5_000, 1);
    private final byte[] first = png(640, 480, 90_000, 2);
    private final byte[] last = png(1024, 768, 120_000, 3);

    /** A draft, then two answer images: the last is the final one. */
    private GenerationResult reply() {
        return result(List.of(image(draft, true), image(first, false), image(last, false)));
    }

    @Test
    void aFileSinkPutsTheFinalImageAtThePathAndTheOtherAnswerImagesBesideIt() throws IOException {
        Path file = dir.resolve("shot.png");

        GenerationResult result = SinkSession.open(ImageSink.toFile(file)).writeAll(reply());

        assertThat(Files.readAllBytes(file)).isEqualTo(last);
        assertThat(Files.readAllBytes(dir.resolve("shot-2.png"))).isEqualTo(first);
        assertThat(names()).containsExactly("shot-2.png", "shot.png");
        WrittenImage written = result.requireImage().written().orElseThrow();
        assertThat(written).isEqualTo(new WrittenImage(Optional.of(file.toAbsolutePath()), "image/png",
                Optional.of(new PixelSize(1024, 768)), last.length));
        // The draft was not kept: described, without a file.
        Part.Image draftPart = (Part.Image) result.candidates().get(0).parts().get(0);
        assertThat(draftPart.image().written().orElseThrow().path()).isEmpty();
        assertThat(draftPart.image().size()).isEqualTo(draft.length);
    }

    @Test
    void aWrittenImageReadsItsBytesBackFromItsFile() throws IOException {
        Path file = dir.resolve("back.png");
        GeneratedImage image = SinkSession.open(ImageSink.toFile(file)).writeAll(reply()).requireImage();

        assertThat(image.bytes()).isEqualTo(last);
        try (var in = image.openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(last);
        }
        Path copy = dir.resolve("copy.png");
        image.writeTo(copy);
        assertThat(Files.readAllBytes(copy)).isEqualTo(last);
    }

    @Test
    void aFolderSinkMakesTheFolderAndKeepsDraftsWhenAsked() throws IOException {
        Path folder = dir.resolve("a/b");

        SinkSession.open(ImageSink.toFolder(folder, "cat").withThoughtImages()).writeAll(reply());

        assertThat(Files.readAllBytes(folder.resolve("cat.png"))).isEqualTo(last);
        assertThat(Files.readAllBytes(folder.resolve("cat-2.png"))).isEqualTo(first);
        assertThat(Files.readAllBytes(folder.resolve("cat-thought-1.png"))).isEqualTo(draft);
    }

    @Test
    void streamsGetEveryImageInOrderWithItsSniffedType() {
        List<ByteArrayOutputStream> outs = new ArrayList<>();
        List<ImageSink.Slot> slots = new ArrayList<>();

        GenerationResult result = SinkSession.open(ImageSink.toStreams(slot -> {
            slots.add(slot);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            outs.add(out);
            return out;
        })).writeAll(reply());

        assertThat(outs).extracting(ByteArrayOutputStream::toByteArray).containsExactly(draft, first, last);
        assertThat(slots).extracting(ImageSink.Slot::ordinal).containsExactly(1, 2, 3);
        assertThat(slots).extracting(ImageSink.Slot::mediaType).containsOnly(Optional.of(MediaType.PNG));
        assertThatThrownBy(() -> result.requireImage().bytes()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("kept no file");
    }

    @Test
    void abortingRemovesEveryTemporaryFileAndClosesOpenStreams() throws IOException {
        SinkSession session = SinkSession.open(ImageSink.toFile(dir.resolve("never.png")));
        SinkSession.Output done = session.begin();
        done.write(first, 0, first.length);
        done.end();
        done.image("image/png");
        SinkSession.Output halfway = session.begin();
        halfway.write(last, 0, last.length / 2);
        assertThat(names()).hasSize(2).allMatch(n -> n.startsWith(".never-") && n.endsWith(".part"));

        session.abort();

        assertThat(names()).isEmpty();
        assertThatThrownBy(() -> halfway.write(last, 0, 10)).isInstanceOf(IOException.class);
    }

    @Test
    void aCommitAfterAnAbortFailsAndLeavesNothing() throws IOException {
        SinkSession session = SinkSession.open(ImageSink.toFile(dir.resolve("never.png")));
        GenerationResult pending = session.writeImages(reply());
        session.abort();

        assertThatThrownBy(() -> session.commit(pending)).isInstanceOf(TransportException.class)
                .hasMessageContaining("closed before its images were moved into place");
        assertThat(names()).isEmpty();
    }

    @Test
    void anOpenerThatFailsFailsTheCallAsANonRetryableTransportException() throws IOException {
        SinkSession session = SinkSession.open(ImageSink.toStreams(slot -> {
            throw new IOException("disk full");
        }));

        assertThatThrownBy(() -> session.writeAll(reply())).isInstanceOf(TransportException.class)
                .hasMessageContaining("disk full").matches(e -> !((TransportException) e).isRetryable());
    }

    @Test
    void aFileSinkInAMissingFolderFailsBeforeWritingAnything() throws IOException {
        SinkSession session = SinkSession.open(ImageSink.toFile(dir.resolve("missing/out.png")));

        assertThatThrownBy(() -> session.writeAll(reply())).isInstanceOf(TransportException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void aRelocatedImagePointsAtItsNewFile() throws IOException {
        GenerationResult result = SinkSession.open(ImageSink.toFile(dir.resolve("a.png"))).writeAll(reply());
        Path moved = Files.move(dir.resolve("a.png"), dir.resolve("b.png"));

        GenerationResult relocated = SinkSession.relocated(result, result.requireImage(), moved);

        assertThat(relocated.requireImage().bytes()).isEqualTo(last);
        assertThat(relocated.candidates().get(0).parts()).hasSize(3);
    }

    @Test
    void badStemsAndPathsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> ImageSink.toFolder(dir, "../x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"../x\"");
        assertThatThrownBy(() -> ImageSink.toFolder(dir, ".hidden")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageSink.toFile(Path.of("/"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no file name");
    }

    @Test
    void thePartsOfAContinuedCallAreMovedIntoPlaceOnceNamedFromTheJoinedResult() throws IOException {
        Path file = dir.resolve("joined.png");
        SinkSession call = SinkSession.open(ImageSink.toFile(file));

        SinkSession request1 = call.part();
        GenerationResult reply1 = request1.commit(request1.writeImages(result(List.of(image(first, false)))));
        assertThat(names()).as("handed over, not yet in place").allMatch(n -> n.startsWith(".") && n.endsWith(".part"));
        SinkSession retried = call.part();
        retried.writeImages(result(List.of(image(draft, false))));
        retried.abort();
        assertThat(names()).as("a failed attempt removes only its own file").hasSize(1);
        SinkSession request2 = call.part();
        GenerationResult reply2 = request2.commit(request2.writeImages(result(List.of(image(last, false)))));

        GenerationResult joined = call.commit(reply1.followedBy(reply2));

        assertThat(Files.readAllBytes(file)).isEqualTo(last);
        assertThat(Files.readAllBytes(dir.resolve("joined-1.png"))).isEqualTo(first);
        assertThat(names()).containsExactly("joined-1.png", "joined.png");
        assertThat(joined.requireImage().written().orElseThrow().path()).contains(file.toAbsolutePath());
    }

    @Test
    void abortingAContinuedCallRemovesTheFilesOfEveryPartEvenOneHandedOverLater() throws IOException {
        SinkSession call = SinkSession.open(ImageSink.toFile(dir.resolve("gone.png")));
        SinkSession request1 = call.part();
        request1.commit(request1.writeImages(result(List.of(image(first, false)))));
        SinkSession inFlight = call.part();
        GenerationResult late = inFlight.writeImages(result(List.of(image(last, false))));

        call.abort();
        inFlight.commit(late);

        assertThat(names()).isEmpty();
        assertThatThrownBy(call::part).isInstanceOf(IllegalStateException.class);
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anImageByReferenceGoesThroughUntouchedAndNothingIsWritten() throws IOException {
        GeneratedImage reference = GeneratedImage.ofReference("image/jpeg", java.net.URI.create("gs://renders/out/a-0.jpeg"));
        GenerationResult reply = result(List.of(new Part.Image(reference, false, Optional.empty())));

        GenerationResult result = SinkSession.open(ImageSink.toFile(dir.resolve("shot.jpeg"))).writeAll(reply);

        assertThat(result.requireImage()).isSameAs(reference);
        assertThat(names()).isEmpty();
    }

    private static Part image(byte[] bytes, boolean thought) {
        return new Part.Image(GeneratedImage.of("image/png", bytes), thought, Optional.empty());
    }

    private static GenerationResult result(List<Part> parts) {
        return new GenerationResult(List.of(new Candidate(0, parts, Optional.of(FinishReason.STOP), Optional.empty(), List.of())),
                Optional.empty(), Usage.NONE, Optional.empty(), Optional.empty());
    }

    static byte[] png(int width, int height, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        ByteBuffer.wrap(bytes).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}).putInt(13)
                .put(new byte[] {'I', 'H', 'D', 'R'}).putInt(width).putInt(height).put(new byte[] {8, 6, 0, 0, 0});
        return bytes;
    }
}
