package io.github.geminiimage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageSink;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.PixelSize;
import io.github.geminiimage.domain.WrittenImage;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.stream.StreamEvent;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.ImageGenerationPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link ImageGenerationPort} does with a request's {@link ImageSink}: the images go to
 * the file, folder or streams while the reply is decoded, for {@code generate}, {@code stream} and
 * their async forms; the result describes what was written; a call that fails, or a stream closed
 * early, leaves no file and no temporary file behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class ImageSinkContract {

    /** Makes ports scripted to answer every call the same way; closes them and what it started. */
    public interface SinkFixture extends AutoCloseable {

        /**
         * A port whose calls answer with a thought image {@code draft} then the answer image
         * {@code image} (PNGs), finish reason {@code STOP}; streamed, one event per image.
         */
        ImageGenerationPort portAnswering(byte[] draft, byte[] image);

        /**
         * A port whose calls fail after the image began: {@code generate} gets a reply cut short
         * inside the image's data, a stream gets the image's event and then an error event.
         */
        ImageGenerationPort portFailingAfterImage(byte[] image);

        /** A port whose streams deliver the image's event and then wait (until closed, at most 20 s). */
        ImageGenerationPort portStallingAfterImage(byte[] image);

        @Override
        void close();
    }

    private SinkFixture fixture;
    private final byte[] draft = png(64, 48, 20_000, 1);
    private final byte[] image = png(1024, 768, 300_000, 2);

    /** The fixture for this suite; called once, closed after it. */
    protected abstract SinkFixture createFixture();

    @BeforeAll
    void startFixture() {
        fixture = createFixture();
    }

    @AfterAll
    void closeFixture() {
        fixture.close();
    }

    private static GenerationRequest request(ImageSink sink) {
        return GenerationRequest.builder().model("gemini-3-pro-image").prompt("a lighthouse at dusk")
                .includeThoughts(true).sink(sink).build();
    }

    @Test
    void generate_writes_the_final_image_to_the_file_and_describes_it(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("out.png");
        GenerationResult result = fixture.portAnswering(draft, image).generate(request(ImageSink.toFile(file)));

        assertThat(Files.readAllBytes(file)).isEqualTo(image);
        WrittenImage written = result.requireImage().written().orElseThrow();
        assertThat(written.path()).contains(file.toAbsolutePath());
        assertThat(written.byteCount()).isEqualTo(image.length);
        assertThat(written.mimeType()).isEqualTo("image/png");
        assertThat(written.pixelSize()).contains(new PixelSize(1024, 768));
        assertThat(result.requireImage().pixelSize()).contains(new PixelSize(1024, 768));
        // The draft is not kept unless asked for: only the final file is in the folder.
        assertThat(names(dir)).containsExactly("out.png");
    }

    @Test
    void generate_to_a_folder_names_the_files_from_the_stem_and_keeps_drafts_when_asked(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("images");
        GenerationResult result = fixture.portAnswering(draft, image)
                .generate(request(ImageSink.toFolder(folder, "lighthouse").withThoughtImages()));

        assertThat(Files.readAllBytes(folder.resolve("lighthouse.png"))).isEqualTo(image);
        assertThat(Files.readAllBytes(folder.resolve("lighthouse-thought-1.png"))).isEqualTo(draft);
        assertThat(names(folder)).containsExactly("lighthouse-thought-1.png", "lighthouse.png");
        assertThat(result.requireImage().written().orElseThrow().path()).contains(folder.resolve("lighthouse.png").toAbsolutePath());
    }

    @Test
    void generate_to_streams_hands_every_image_to_the_callers_stream() {
        List<ByteArrayOutputStream> streams = new CopyOnWriteArrayList<>();
        List<ImageSink.Slot> slots = new CopyOnWriteArrayList<>();
        GenerationResult result = fixture.portAnswering(draft, image).generate(request(ImageSink.toStreams(slot -> {
            slots.add(slot);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            streams.add(out);
            return out;
        })));

        assertThat(streams).hasSize(2);
        assertThat(streams.get(0).toByteArray()).isEqualTo(draft);
        assertThat(streams.get(1).toByteArray()).isEqualTo(image);
        assertThat(slots).containsExactly(new ImageSink.Slot(1, Optional.of(MediaType.PNG)),
                new ImageSink.Slot(2, Optional.of(MediaType.PNG)));
        WrittenImage written = result.requireImage().written().orElseThrow();
        assertThat(written.path()).isEmpty();
        assertThat(written.byteCount()).isEqualTo(image.length);
        assertThatThrownBy(() -> result.requireImage().bytes()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void generateAsync_writes_through_the_sink(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("async.png");
        GenerationResult result = fixture.portAnswering(draft, image).generateAsync(request(ImageSink.toFile(file)))
                .get(20, TimeUnit.SECONDS);

        assertThat(Files.readAllBytes(file)).isEqualTo(image);
        assertThat(result.requireImage().written().orElseThrow().path()).contains(file.toAbsolutePath());
    }

    @Test
    void stream_writes_the_final_image_and_its_events_hold_no_bytes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("streamed.png");
        List<StreamEvent> events = new ArrayList<>();
        GenerationResult result;
        try (GenerationStream stream = fixture.portAnswering(draft, image).stream(request(ImageSink.toFile(file)))) {
            stream.forEach(events::add);
            result = stream.result();
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(image);
        assertThat(result.requireImage().written().orElseThrow().path()).contains(file.toAbsolutePath());
        List<GeneratedImage> eventImages = events.stream().flatMap(e -> e instanceof StreamEvent.AnswerImage a
                ? Stream.of(a.part().image()) : Stream.empty()).toList();
        assertThat(eventImages).hasSize(1);
        assertThat(eventImages.get(0).written().orElseThrow().byteCount()).isEqualTo(image.length);
        assertThat(names(dir)).containsExactly("streamed.png");
    }

    @Test
    void stream_keeps_thought_images_when_asked(@TempDir Path dir) throws IOException {
        GenerationResult result;
        try (GenerationStream stream = fixture.portAnswering(draft, image)
                .stream(request(ImageSink.toFolder(dir, "s").withThoughtImages()))) {
            result = stream.result();
        }

        assertThat(Files.readAllBytes(dir.resolve("s.png"))).isEqualTo(image);
        assertThat(Files.readAllBytes(dir.resolve("s-thought-1.png"))).isEqualTo(draft);
        assertThat(result.requireImage().written().orElseThrow().path()).contains(dir.resolve("s.png").toAbsolutePath());
    }

    @Test
    void streamAsync_writes_through_the_sink(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("listened.png");
        List<StreamEvent> events = new CopyOnWriteArrayList<>();
        GenerationResult result = fixture.portAnswering(draft, image)
                .streamAsync(request(ImageSink.toFile(file)), events::add).get(20, TimeUnit.SECONDS);

        assertThat(Files.readAllBytes(file)).isEqualTo(image);
        assertThat(result.requireImage().written().orElseThrow().byteCount()).isEqualTo(image.length);
        assertThat(events).isNotEmpty();
    }

    @Test
    void a_generate_that_fails_after_the_image_began_leaves_no_file(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("never.png");
        ImageGenerationPort port = fixture.portFailingAfterImage(image);

        assertThatThrownBy(() -> port.generate(request(ImageSink.toFile(file)))).isInstanceOf(ImageGenerationException.class);
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void a_stream_that_fails_after_the_image_leaves_no_file(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("never.png");
        ImageGenerationPort port = fixture.portFailingAfterImage(image);

        assertThatThrownBy(() -> {
            try (GenerationStream stream = port.stream(request(ImageSink.toFile(file)))) {
                stream.result();
            }
        }).isInstanceOf(ImageGenerationException.class);
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void closing_a_stream_before_its_end_leaves_no_file(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("never.png");
        try (GenerationStream stream = fixture.portStallingAfterImage(image).stream(request(ImageSink.toFile(file)))) {
            Iterator<StreamEvent> events = stream.iterator();
            assertThat(events.hasNext()).isTrue();
            events.next();
        }

        assertThat(names(dir)).isEmpty();
    }

    /** The names in {@code dir}, sorted; temporary files included. */
    protected static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * A PNG-shaped image of {@code size} bytes: the signature, an {@code IHDR} of the given pixel
     * size, then seeded random bytes (nothing here decodes the pixels).
     */
    public static byte[] png(int width, int height, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        ByteBuffer header = ByteBuffer.wrap(bytes);
        header.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        header.putInt(13).put(new byte[] {'I', 'H', 'D', 'R'}).putInt(width).putInt(height);
        header.put(new byte[] {8, 6, 0, 0, 0});
        return bytes;
    }
}
