package io.github.geminiimage.wire.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.RateLimitedException;
import io.github.geminiimage.domain.error.RpcStatus;
import io.github.geminiimage.wire.RpcErrors;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchOutput;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.wire.GenerateContentCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchLineFormatTest {

    @Test
    void statusCodesMapToTheTypedExceptionsAndBack() {
        assertThat(RpcErrors.toException("k", new RpcStatus(8, "quota", Optional.empty()))).isInstanceOf(RateLimitedException.class);
        RpcStatus back = RpcErrors.toStatus(RpcErrors.toException("k", new RpcStatus(3, "bad", Optional.of("INVALID_ARGUMENT"))));
        assertThat(back.code()).isEqualTo(3);
        assertThat(back.message()).isEqualTo("bad");
    }

    private static final ResponseJsonReader RESPONSES = json -> GenerateContentCodec.read(json, 1 << 20);
    private static final String RESPONSE = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"inlineData\":"
            + "{\"mimeType\":\"image/png\",\"data\":\"AQID\"}}]},\"finishReason\":\"STOP\"}]}";

    private static List<BatchResult> results(String jsonl) throws IOException {
        try (BatchResultReader reader = new BatchResultReader(new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)),
                RESPONSES)) {
            return reader.stream().toList();
        }
    }

    @Test
    void resultLinesDecodeTheirImagesWhateverTheOrderOfTheirMembers() throws IOException {
        List<BatchResult> results = results("{\"response\":" + RESPONSE + ",\"key\":\"a\"}\n\n"
                + "{\"key\": \"b\", \"unknown\": [1, {\"x\": null}], \"response\": " + RESPONSE + "}\n");
        assertThat(results).extracting(BatchResult::key).containsExactly("a", "b");
        assertThat(results.get(1).requireResult().images().get(0).bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void aSyntaxErrorInALineIsMalformedNamingTheLine() {
        assertThatThrownBy(() -> results("{\"key\":\"a\",\"error\":{\"code\":8}}\n\n{\"key\" \"b\"}\n"))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageStartingWith("batch results: line 3: ")
                .hasMessageContaining("expected ':' but found '\"'");
        assertThatThrownBy(() -> results("{\"key\":\"a\",\"response\":{\"candidates\":[{]}}\n"))
                .isInstanceOf(MalformedResponseException.class)
                .hasMessageStartingWith("batch results: line 1: ");
    }

    @Test
    void aFileCreateBodyIsTheBatchWithItsFileAsBefore() {
        assertThat(new String(BatchCreateBody.fileInput("night \"run\" \u00e9", "files/abc-1"), StandardCharsets.UTF_8))
                .isEqualTo("{\"batch\":{\"displayName\":\"night \\\"run\\\" \u00e9\",\"inputConfig\":{\"fileName\":\"files/abc-1\"}}}");
    }

    @Test
    void anInlineCreateBodyCopiesEachRequestByteForByte() throws IOException {
        String request = "{\"contents\":[{\"parts\":[{\"text\":\"a \\\"b\\\" }]\"},{\"inlineData\":{\"data\":\"AQID\"}}]}]}";
        String jsonl = "{\"key\":\"k1\",\"request\":" + request + "}\n{\"key\":\"k\\u00e92\",\"request\":{}}\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BatchCreateBody.writeInline("night \"run\"", new ByteArrayInputStream(jsonl.getBytes(StandardCharsets.UTF_8)), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batch\":{\"displayName\":\"night \\\"run\\\"\","
                + "\"inputConfig\":{\"requests\":{\"requests\":[{\"request\":" + request + ",\"metadata\":{\"key\":\"k1\"}},"
                + "{\"request\":{},\"metadata\":{\"key\":\"k\u00e92\"}}]}}}}");
    }

    @Test
    void anOperationsInlineResponsesAreHandedOnOneALineAndTheRestIsCounted() throws IOException {
        String operation = "{\"name\":\"batches/b1\",\"metadata\":{\"state\":\"BATCH_STATE_SUCCEEDED\","
                + "\"batchStats\":{\"requestCount\":\"2\",\"successfulRequestCount\":2}},\"done\":true,"
                + "\"response\":{\"inlinedResponses\":{\"inlinedResponses\":[{\"response\":" + RESPONSE
                + ",\"metadata\":{\"key\":\"x\"}},{\"error\":{\"code\":13,\"message\":\"boom\"},\"metadata\":{\"key\":\"y\"}}]}}}";
        BatchJob job = OperationReader.read(new ByteArrayInputStream(operation.getBytes(StandardCharsets.UTF_8)));
        assertThat(job.output()).contains(new BatchOutput.Inline(2));
        assertThat(job.counts().total()).isEqualTo(2);

        boolean[] closed = {false};
        OperationReader.Results opened = OperationReader.readResults(
                new ByteArrayInputStream(operation.getBytes(StandardCharsets.UTF_8)), () -> () -> closed[0] = true);
        assertThat(opened.job()).isEmpty();
        List<BatchResult> results;
        try (InputStream jsonl = opened.inlineResponses().orElseThrow();
                BatchResultReader reader = new BatchResultReader(jsonl, RESPONSES)) {
            results = reader.stream().toList();
        }
        assertThat(results).extracting(BatchResult::key).containsExactly("x", "y");
        assertThat(results.get(0).requireResult().images()).hasSize(1);
        assertThat(results.get(1).error()).isPresent();
        assertThat(closed[0]).isTrue();
    }
}
