package io.github.geminiimage.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An edit request with three 7 MiB images (28 MiB of JSON) is read as it arrives: the images are
 * decoded straight into their arrays, so the emulator never holds the body, a JSON tree or a base64
 * string of it (a JSON-P tree of it was refused outright: more than the parser's 15 million
 * characters). Measured as the bytes the emulator's handler threads allocated during the call, over
 * those of the same call without images: a body array, a tree and base64 strings cost more than ten
 * times the images' bytes.
 */
@Timeout(120)
class BigRequestAllocationTest {

    private static final String KEY = "big-key";
    private static final String PATH = "/v1beta/models/gemini-3-pro-image:generateContent";

    @Test
    void aRequestWithThreeSevenMibImagesAllocatesAFewTimesItsImagesNotItsJsonOverAndOver() {
        byte[] image = Arrays.copyOf(Tiny.PNG, 7 * 1024 * 1024);
        String data = Base64.getEncoder().encodeToString(image);
        String part = ",{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + data + "\"}}";
        byte[] big = ("{\"contents\":[{\"parts\":[{\"text\":\"blend these\"}" + part + part + part + "]}]}")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] small = "{\"contents\":[{\"parts\":[{\"text\":\"blend these\"}]}]}".getBytes(StandardCharsets.US_ASCII);
        try (GeminiEmulator emulator = GeminiEmulator.builder().apiKey(KEY).start()) {
            for (int i = 0; i < 3; i++) {
                post(emulator, small);
            }
            long withoutImages = allocatedDuring(() -> post(emulator, small));
            long withImages = allocatedDuring(() -> post(emulator, big));

            long imageBytes = 3L * image.length;
            assertThat(emulator.requests()).last().satisfies(r -> assertThat(r.imageSizes())
                    .containsExactly((long) image.length, (long) image.length, (long) image.length));
            assertThat(withImages - withoutImages).as("bytes allocated for 3 x 7 MiB of images")
                    .isLessThan(4 * imageBytes);
        }
    }

    private static void post(GeminiEmulator emulator, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(emulator.baseUri().resolve(PATH)).timeout(Duration.ofSeconds(60))
                .header("x-goog-api-key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> reply = Http.send(request);
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    }

    /** Bytes the emulator's handler threads (which live on between calls) allocated while {@code work} ran. */
    private static long allocatedDuring(Runnable work) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<Long, Long> before = allocated(threads);
        work.run();
        long total = 0;
        for (Map.Entry<Long, Long> after : allocated(threads).entrySet()) {
            total += after.getValue() - before.getOrDefault(after.getKey(), 0L);
        }
        return total;
    }

    private static Map<Long, Long> allocated(com.sun.management.ThreadMXBean threads) {
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        Map<Long, Long> out = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0 && infos[i] != null && infos[i].getThreadName().startsWith("gemini-emulator-")) {
                out.put(ids[i], bytes[i]);
            }
        }
        return out;
    }
}
