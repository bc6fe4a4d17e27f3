package io.github.geminiimage.loadtests;

import io.github.geminiimage.adapter.httpclient5.HttpClient5Transport;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpTransport;
import io.github.geminiimage.domain.BatchSaveSummary;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.batch.HttpBatches;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.port.FilesPort;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The client side of {@link BatchMemoryProof}, run in its own small heap: saves a finished job's
 * images with {@code HttpBatches.saveImages} over a transport, its {@code FilesPort} a stand-in
 * whose download copies a local results file (the only call the results need). Prints what it saved
 * and the heap it used. Arguments: base URL, job name, output folder, results file, and the
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
        Path resultsFile = Path.of(args[3]);
        String transport = args.length > 4 ? args[4] : "jdk";
        FilesPort files = (FilesPort) Proxy.newProxyInstance(FilesPort.class.getClassLoader(), new Class<?>[] {FilesPort.class},
                (proxy, method, margs) -> {
                    if (method.getName().equals("download") && margs[1] instanceof Path target) {
                        Files.copy(resultsFile, target, StandardCopyOption.REPLACE_EXISTING);
                        return Files.size(target);
                    }
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        HttpOptions options = HttpOptions.builder().baseUri(base).overallDeadline(Duration.ofMinutes(30)).build();
        long start = System.nanoTime();
        BatchSaveSummary summary;
        HeapWatch.Report heap;
        try (HeapWatch watch = HeapWatch.start();
                HttpBatches batches = HttpBatches.builder(transport.equals("httpclient5")
                        ? HttpClient5Transport.create(options.transportSettings())
                        : JdkHttpTransport.create(options.transportSettings()),
                        ApiKey.of("AIzaProof-not-a-real-key-000000000")).options(options).ownsTransport(true)
                        .files(files, true).build()) {
            summary = batches.saveImages(job, out);
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
