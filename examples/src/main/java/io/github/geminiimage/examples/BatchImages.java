package io.github.geminiimage.examples;

import io.github.geminiimage.adapter.jdkhttp.JdkHttpGeminiClient;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchSaveSummary;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.GeminiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Two product shots in Batch Mode (half the price, within 24 hours), saved by key. */
public class BatchImages {

    public static void main(String[] args) {
        String key = System.getenv("GEMINI_API_KEY");
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("GEMINI_API_KEY is not set: export it with your key (https://aistudio.google.com/apikey)");
        }
        // The client's batches() view; its files() view uploads the JSONL and downloads the results.
        try (GeminiClient gemini = JdkHttpGeminiClient.builder().apiKey(key).build()) {
            BatchSaveSummary saved = mugs(gemini.batches(), Path.of("out"));  // out/sku-1.png, out/sku-2.png
            System.out.println(saved.written() + " written, " + saved.failed() + " failed");
        }
    }

    static BatchSaveSummary mugs(BatchPort batches, Path folder) {
        List<KeyedRequest> requests = List.of(
                KeyedRequest.of("sku-1", GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("A red mug on oak").build()),
                KeyedRequest.of("sku-2", GenerationRequest.builder().model("gemini-2.5-flash-image").prompt("A blue mug on slate").build()));
        BatchJob job = batches.submit("mugs", "gemini-2.5-flash-image", requests, BatchSubmitOptions.defaults());
        batches.await(job.name(), Duration.ofHours(25), j -> System.out.println(j.state() + " " + j.counts()));
        return batches.saveImages(job.name(), folder);
    }
}
