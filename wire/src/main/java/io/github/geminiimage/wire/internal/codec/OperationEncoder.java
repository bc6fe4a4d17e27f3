package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.batch.BatchCounts;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchOutput;
import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.error.RpcStatus;
import io.github.geminiimage.wire.JsonBody;
import io.github.geminiimage.wire.RpcErrors;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The server side of Batch Mode: a {@link BatchJob} written as the long-running operation Google
 * answers {@code batches/{id}} with, inline results streamed as {@code GenerateContentResponse}s
 * (docs/wire-format.md, "Batch Mode"). Stateless and thread-safe.
 */
public final class OperationEncoder {

    private static final String TYPE = "type.googleapis.com/google.ai.generativelanguage.v1main.";

    private OperationEncoder() {
    }

    /** What is written for one job. */
    public record Operation(BatchJob job, Optional<String> inputConfigJson, Optional<String> priority,
            Optional<List<BatchResult>> inlineResults, boolean keysGiven) {
    }

    /** One operation. */
    public static JsonBody encode(Operation operation) {
        return new CountedBody(o -> operation(operation, o), List.of());
    }

    /** A list page: {@code {"operations":[...],"nextPageToken":"..."}}, an empty page {@code {}}. */
    public static JsonBody encodePage(List<Operation> operations, Optional<String> nextPageToken) {
        return new CountedBody(o -> {
            o.ascii('{');
            if (!operations.isEmpty()) {
                o.ascii("\"operations\":[");
                for (int i = 0; i < operations.size(); i++) {
                    o.ascii(i > 0 ? "," : "");
                    operation(operations.get(i), o);
                }
                o.ascii(']');
            }
            if (nextPageToken.isPresent()) {
                o.ascii(operations.isEmpty() ? "\"nextPageToken\":" : ",\"nextPageToken\":");
                o.string(nextPageToken.get(), "nextPageToken");
            }
            o.ascii('}');
        }, List.of());
    }

    private static void operation(Operation operation, JsonOutput o) throws IOException {
        BatchJob job = operation.job();
        o.ascii("{\"name\":");
        o.string(job.name(), "name");
        o.ascii(",\"metadata\":{\"@type\":\"" + TYPE + "GenerateContentBatch\",\"model\":");
        // The API names the model as a resource; a job read from it already carries the prefix.
        o.string(job.model().startsWith("models/") ? job.model() : "models/" + job.model(), "model");
        if (job.displayName().isPresent()) {
            o.ascii(",\"displayName\":");
            o.string(job.displayName().get(), "displayName");
        }
        if (operation.inputConfigJson().isPresent()) {
            o.ascii(",\"inputConfig\":");
            o.rawJson(operation.inputConfigJson().get(), "inputConfig");
        }
        time(",\"createTime\":", job.createTime(), o);
        time(",\"updateTime\":", job.updateTime(), o);
        time(",\"endTime\":", job.endTime(), o);
        o.ascii(",\"batchStats\":");
        stats(job.counts(), o);
        o.ascii(",\"state\":");
        o.string(job.state().wireName(), "state");
        o.ascii(",\"name\":");
        o.string(job.name(), "name");
        if (operation.priority().isPresent()) {
            o.ascii(",\"priority\":");
            o.string(operation.priority().get(), "priority");
        }
        boolean hasOutput = hasOutput(operation);
        if (hasOutput) {
            o.ascii(",\"output\":");
            output(operation, "{", o);
        }
        o.ascii('}');
        if (job.isDone()) {
            o.ascii(",\"done\":true");
            if (job.error().isPresent()) {
                RpcStatus error = job.error().get();
                o.ascii(",\"error\":{\"code\":" + error.code() + ",\"message\":");
                o.string(error.message(), "error.message");
                o.ascii('}');
            }
            if (hasOutput) {
                o.ascii(",\"response\":");
                output(operation, "{\"@type\":\"" + TYPE + "GenerateContentBatchOutput\",", o);
            }
        }
        o.ascii('}');
    }

    private static boolean hasOutput(Operation operation) {
        Optional<BatchOutput> output = operation.job().output();
        return output.isPresent() && (output.get() instanceof BatchOutput.ResponsesFile
                || operation.inlineResults().isPresent());
    }

    private static void output(Operation operation, String open, JsonOutput o) throws IOException {
        o.ascii(open);
        if (operation.job().output().orElseThrow() instanceof BatchOutput.ResponsesFile file) {
            o.ascii("\"responsesFile\":");
            o.string(file.fileName(), "responsesFile");
        } else {
            o.ascii("\"inlinedResponses\":{\"inlinedResponses\":[");
            List<BatchResult> results = operation.inlineResults().orElseThrow();
            for (int i = 0; i < results.size(); i++) {
                o.ascii(i > 0 ? "," : "");
                inlineResponse(results.get(i), operation.keysGiven(), o);
            }
            o.ascii("]}");
        }
        o.ascii('}');
    }

    private static void inlineResponse(BatchResult result, boolean keysGiven, JsonOutput o) throws IOException {
        if (result.isSuccess()) {
            o.ascii("{\"response\":");
            ReplyEncoder.reply(result.requireResult(), Optional.empty(), o);
        } else {
            RpcStatus status = RpcErrors.toStatus(result.error().orElseThrow());
            o.ascii("{\"error\":");
            rpcStatus(status, o);
        }
        if (keysGiven) {
            o.ascii(",\"metadata\":{\"key\":");
            o.string(result.key(), "key");
            o.ascii('}');
        }
        o.ascii('}');
    }

    /** A results-file line of a failed request: {@code {"key":"...","error":{...}}} and a line break. */
    public static JsonBody errorLine(String key, RpcStatus status) {
        return new CountedBody(o -> {
            o.ascii("{\"key\":");
            o.string(key, "key");
            o.ascii(",\"error\":");
            rpcStatus(status, o);
            o.ascii("}\n");
        }, List.of());
    }

    /** {@code {"code":N,"message":"...","status":"..."}}. */
    static void rpcStatus(RpcStatus status, JsonOutput o) throws IOException {
        o.ascii("{\"code\":" + status.code() + ",\"message\":");
        o.string(status.message(), "message");
        if (status.status().isPresent()) {
            o.ascii(",\"status\":");
            o.string(status.status().get(), "status");
        }
        o.ascii('}');
    }

    private static void stats(BatchCounts counts, JsonOutput o) throws IOException {
        o.ascii('{');
        String separator = "";
        for (Object[] count : new Object[][] {{"requestCount", counts.total()}, {"successfulRequestCount", counts.succeeded()},
            {"failedRequestCount", counts.failed()}, {"pendingRequestCount", counts.pending()}}) {
            long value = (Long) count[1];
            if (value != 0) {
                // int64 counts are JSON strings.
                o.ascii(separator + "\"" + count[0] + "\":\"" + value + "\"");
                separator = ",";
            }
        }
        o.ascii('}');
    }

    private static void time(String member, Optional<java.time.Instant> time, JsonOutput o) throws IOException {
        if (time.isPresent()) {
            o.ascii(member);
            o.string(time.get().toString(), "time");
        }
    }
}
