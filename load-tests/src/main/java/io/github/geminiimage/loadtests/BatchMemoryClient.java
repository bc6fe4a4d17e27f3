package io.github.geminiimage.loadtests;

import io.github.geminiimage.adapter.httpclient5.HttpClient5GeminiClient;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpGeminiClient;
import io.github.geminiimage.domain.batch.BatchSaveSummary;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.port.GeminiClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The client side of {@link BatchMemoryProof}, run in its own small heap: saves a finished job's
 * images with the batch view's {@code saveImages} of a client over a transport, whose files view
 * downloads a results file from the proof's server. Prints what it saved and the heap it used.
 * Arguments: base URL, job name, output folder, results file (unused: the server serves it), and the
 * transport ({@code jdk}, the default, or {@code httpclient5}).
 */
public final class BatchMemoryClient {

    private BatchMemoryClient() {
    }

    /** Runs once; exit status 0 when every result was saved. */
    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String job = args[1];
        Path out = Path.of(args[2]);
        String transport = args.length > 4 ? args[4] : "jdk";
        HttpOptions options = HttpOptions.builder().overallDeadline(Duration.ofMinutes(30)).build();
        String key = "AIzaProof-not-a-real-key-000000000";
        long start = System.nanoTime();
        BatchSaveSummary summary;
        HeapWatch.Report heap;
        try (HeapWatch watch = HeapWatch.start();
                GeminiClient client = transport.equals("httpclient5")
                        ? HttpClient5GeminiClient.builder().baseUri(base).apiKey(key).options(options).build()
                        : JdkHttpGeminiClient.builder().baseUri(base).apiKey(key).options(options).build()) {
            summary = client.batches().saveImages(job, out);
            heap = watch.report();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s over %s: written %d, skipped %d, failed %d in %.1f s; heap: -Xmx %,d B, max sampled used %,d B, "
                + "max used after GC %,d B, sum of pool peaks %,d B, %d collections%n", job, transport, summary.written(), summary.skipped(),
                summary.failed(), seconds, heap.maxHeapBytes(), heap.maxSampledUsed(), heap.maxUsedAfterGc(),
                heap.sumOfPoolPeaks(), heap.collections());
        System.exit(summary.failed() == 0 ? 0 : 1);
    }
}
