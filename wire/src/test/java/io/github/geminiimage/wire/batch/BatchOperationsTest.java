package io.github.geminiimage.wire.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.Candidate;
import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.batch.BatchCounts;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchOutput;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.batch.BatchState;
import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.RpcStatus;
import io.github.geminiimage.wire.BatchOperations;
import io.github.geminiimage.wire.GenerateContentCodec;
import io.github.geminiimage.wire.JsonBody;
import io.github.geminiimage.wire.RpcErrors;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Operations and result lines as a server writes them, read back as the client reads them. */
class BatchOperationsTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};
    private static final GenerationResult RESULT = new GenerationResult(List.of(new Candidate(0,
            List.of(new Part.Text("here", false, Optional.empty()),
                    new Part.Image(GeneratedImage.of("image/png", PNG), false, Optional.of("c2ln"))),
            Optional.of(FinishReason.STOP), Optional.empty(), List.of())), Optional.empty(), Usage.NONE,
            Optional.of("m"), Optional.of("r1"));

    @Test
    void resultLinesAreReadBackInOrderWithTheirOutcomes() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        BatchOperations.resultLine("a", RESULT).writeTo(file);
        BatchOperations.errorLine("b", new RpcStatus(8, "quota", Optional.of("RESOURCE_EXHAUSTED"))).writeTo(file);

        List<BatchResult> read = new ArrayList<>();
        try (BatchResultReader reader = new BatchResultReader(new ByteArrayInputStream(file.toByteArray()),
                json -> GenerateContentCodec.read(json, 1 << 20))) {
            reader.forEachRemaining(read::add);
        }

        assertThat(read).hasSize(2);
        assertThat(read.get(0).key()).isEqualTo("a");
        assertThat(read.get(0).result()).contains(RESULT);
        assertThat(read.get(1).error().orElseThrow()).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void aFinishedInlineJobShowsItsResultsInMetadataAndResponse() throws IOException {
        BatchJob job = BatchJob.builder("batches/b1", "gemini-2.5-flash-image", BatchState.SUCCEEDED)
                .counts(new BatchCounts(2, 1, 1, 0)).createTime(Instant.parse("2026-01-01T00:00:00Z"))
                .output(new BatchOutput.Inline(2)).build();
        List<BatchResult> results = List.of(BatchResult.success("a", RESULT),
                BatchResult.failure("b", RpcErrors.toException("b", new RpcStatus(3, "bad", Optional.empty()))));

        JsonObject json = parse(BatchOperations.encode(new BatchOperations.Operation(job, Optional.of("{\"requests\":{}}"),
                Optional.empty(), Optional.of(results), true)));

        JsonObject metadata = json.getJsonObject("metadata");
        assertThat(metadata.getString("state")).isEqualTo("BATCH_STATE_SUCCEEDED");
        assertThat(metadata.getString("model")).isEqualTo("models/gemini-2.5-flash-image");
        assertThat(metadata.getJsonObject("batchStats").getString("failedRequestCount")).isEqualTo("1");
        assertThat(metadata.getJsonObject("inputConfig").containsKey("requests")).isTrue();
        assertThat(json.getBoolean("done")).isTrue();
        var inline = json.getJsonObject("response").getJsonObject("inlinedResponses").getJsonArray("inlinedResponses");
        assertThat(inline).hasSize(2);
        assertThat(inline.getJsonObject(0).getJsonObject("metadata").getString("key")).isEqualTo("a");
        assertThat(inline.getJsonObject(1).getJsonObject("error").getInt("code")).isEqualTo(3);
        assertThat(GenerateContentCodec.read(new ByteArrayInputStream(inline.getJsonObject(0).getJsonObject("response")
                .toString().getBytes(StandardCharsets.UTF_8)), 1 << 20)).isEqualTo(RESULT);
    }

    @Test
    void aRunningJobInAListHasNoOutputAndIsNotDone() throws IOException {
        BatchJob job = BatchJob.builder("batches/b2", "m", BatchState.RUNNING).build();

        JsonObject page = parse(BatchOperations.encodePage(List.of(BatchOperations.Operation.of(job)), Optional.of("t")));

        JsonObject operation = page.getJsonArray("operations").getJsonObject(0);
        assertThat(operation.containsKey("done")).isFalse();
        assertThat(operation.getJsonObject("metadata").containsKey("output")).isFalse();
        assertThat(page.getString("nextPageToken")).isEqualTo("t");
    }

    @Test
    void anOperationWrittenByTheServerSideIsReadBackAsTheSameJob() throws IOException {
        BatchJob job = BatchJob.builder("batches/b3", "models/gemini-3-pro-image", BatchState.FAILED).displayName("nightly")
                .counts(new BatchCounts(3, 1, 2, 0)).createTime(Instant.parse("2026-01-01T00:00:00Z"))
                .updateTime(Instant.parse("2026-01-01T00:10:00Z")).endTime(Instant.parse("2026-01-01T00:11:00Z"))
                .output(new BatchOutput.ResponsesFile("files/batch-b3"))
                .error(new RpcStatus(13, "internal", Optional.empty())).build();

        BatchJob read = OperationReader.read(new ByteArrayInputStream(
                bytes(BatchOperations.encode(BatchOperations.Operation.of(job)))));

        assertThat(read).isEqualTo(job);
        BatchJob second = BatchJob.builder("batches/b4", "models/m", BatchState.PENDING).build();
        var page = OperationReader.readPage(new ByteArrayInputStream(bytes(BatchOperations.encodePage(
                List.of(BatchOperations.Operation.of(job), BatchOperations.Operation.of(second)), Optional.of("next")))));
        assertThat(page.jobs()).containsExactly(job, second);
        assertThat(page.nextPageToken()).contains("next");
    }

    private static byte[] bytes(JsonBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toByteArray();
    }

    private static JsonObject parse(JsonBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return Json.createReader(new StringReader(out.toString(StandardCharsets.UTF_8))).readObject();
    }
}
