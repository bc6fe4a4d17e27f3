package io.github.geminiimage.wire.batch;

import io.github.geminiimage.domain.batch.BatchCounts;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchOutput;
import io.github.geminiimage.domain.batch.BatchPage;
import io.github.geminiimage.domain.batch.BatchState;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.RpcStatus;
import io.github.geminiimage.wire.internal.codec.JsonPull;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads batch {@code Operation}s (docs/wire-format.md, "Batch Mode") value by value, as they arrive: the state
 * whichever prefix it has, counts as strings or numbers (omitted = 0), the output from {@code response}
 * or {@code metadata.output}, inline responses counted while skipped (or, for results, handed on
 * one by one from the first of them). Images in inline requests and responses are never held.
 * Stateless and thread-safe; each read is one pass over its body.
 */
public final class OperationReader {

    private static final int MAX_STRING = 64 * 1024;
    private static final String SUBJECT = "batch operation";

    private final JsonPull scanner;
    private final boolean stopAtInline;
    private String name;
    private String metadataName;
    private String model = "";
    private String displayName;
    private String state;
    private long total;
    private long succeeded;
    private long failed;
    private long pending;
    private Instant createTime;
    private Instant updateTime;
    private Instant endTime;
    private BatchOutput output;
    private RpcStatus error;
    private boolean inlineReached;

    private OperationReader(JsonPull scanner, boolean stopAtInline) {
        this.scanner = scanner;
        this.stopAtInline = stopAtInline;
    }

    /**
     * What {@link #readResults} found: the job when it has no inline responses, or else those
     * responses as JSONL; exactly one is present.
     *
     * @param job the whole job, read to its end
     * @param inlineResponses one response a line, in input order, for {@link BatchResultReader}; closing it closes the reply
     */
    public record Results(Optional<BatchJob> job, Optional<InputStream> inlineResponses) {

        /** Checks that exactly one is present. */
        public Results {
            if (job.isPresent() == inlineResponses.isPresent()) {
                throw new IllegalArgumentException("exactly one of job and inlineResponses");
            }
        }
    }

    /**
     * Reads a whole operation from {@code body} (not closed), inline responses counted.
     *
     * @throws MalformedResponseException if it is not JSON or not an operation
     */
    public static BatchJob read(InputStream body) throws IOException {
        OperationReader reader = new OperationReader(pull(body), false);
        reader.operation();
        return reader.job();
    }

    /**
     * Reads an operation from {@code body} until its first inline responses array, which is then
     * handed on one element a line; an operation without one is read whole.
     *
     * @param takeOver called once the inline responses are reached, for what closing them closes
     *     (the body stays open until then); not called for a job read whole
     * @throws MalformedResponseException if it is not JSON or not an operation
     */
    public static Results readResults(InputStream body, Supplier<? extends Closeable> takeOver) throws IOException {
        Objects.requireNonNull(takeOver, "takeOver");
        JsonPull scanner = pull(body);
        OperationReader reader = new OperationReader(scanner, true);
        reader.operation();
        if (!reader.inlineReached) {
            return new Results(Optional.of(reader.job()), Optional.empty());
        }
        return new Results(Optional.empty(), Optional.of(new InlinedResponsesStream(scanner, takeOver.get())));
    }

    /**
     * A list reply: {@code {"operations":[...],"nextPageToken":"..."}}, both optional.
     *
     * @throws MalformedResponseException if it is not JSON or its operations are not operations
     */
    public static BatchPage readPage(InputStream body) throws IOException {
        JsonPull scanner = pull(body);
        List<BatchJob> jobs = new ArrayList<>();
        String token = null;
        scanner.beginObject();
        for (String member = scanner.nextName(); member != null; member = scanner.nextName()) {
            if (member.equals("operations") && scanner.peekKind() == '[') {
                scanner.beginArray();
                while (scanner.nextElement()) {
                    OperationReader reader = new OperationReader(scanner, false);
                    reader.operation();
                    jobs.add(reader.job());
                }
            } else if (member.equals("nextPageToken") && scanner.peekKind() == '"') {
                token = scanner.readString();
            } else {
                scanner.skipValue();
            }
        }
        return new BatchPage(jobs, Optional.ofNullable(token).filter(t -> !t.isEmpty()));
    }

    private static JsonPull pull(InputStream body) {
        return new JsonPull(Objects.requireNonNull(body, "body"), MAX_STRING, SUBJECT);
    }

    private void operation() throws IOException {
        scanner.beginObject();
        for (String member = scanner.nextName(); member != null; member = scanner.nextName()) {
            switch (member) {
                case "name" -> name = string();
                case "metadata" -> metadata();
                case "error" -> error = status();
                case "response" -> output();
                default -> scanner.skipValue();
            }
            if (inlineReached) {
                return;
            }
        }
    }

    private void metadata() throws IOException {
        if (!isObject()) {
            return;
        }
        scanner.beginObject();
        for (String member = scanner.nextName(); member != null; member = scanner.nextName()) {
            switch (member) {
                case "name" -> metadataName = string();
                case "model" -> model = string();
                case "displayName" -> displayName = string();
                case "state" -> state = string();
                case "createTime" -> createTime = instant();
                case "updateTime" -> updateTime = instant();
                case "endTime" -> endTime = instant();
                case "batchStats" -> stats();
                case "output" -> output();
                default -> scanner.skipValue();
            }
            if (inlineReached) {
                return;
            }
        }
    }

    private void stats() throws IOException {
        if (!isObject()) {
            return;
        }
        scanner.beginObject();
        for (String member = scanner.nextName(); member != null; member = scanner.nextName()) {
            switch (member) {
                case "requestCount" -> total = count(member);
                case "successfulRequestCount" -> succeeded = count(member);
                case "failedRequestCount" -> failed = count(member);
                case "pendingRequestCount" -> pending = count(member);
                default -> scanner.skipValue();
            }
        }
    }

    /** A {@code GenerateContentBatchOutput}, in {@code response} or {@code metadata.output}. */
    private void output() throws IOException {
        if (!isObject()) {
            return;
        }
        scanner.beginObject();
        for (String member = scanner.nextName(); member != null; member = scanner.nextName()) {
            if (member.equals("responsesFile") && scanner.peekKind() == '"') {
                output = new BatchOutput.ResponsesFile(scanner.readString());
            } else if (member.equals("inlinedResponses") && isObject()) {
                inlinedResponses();
                if (inlineReached) {
                    return;
                }
            } else {
                scanner.skipValue();
            }
        }
    }

    /** {@code {"inlinedResponses": [...]}}: the doubled name of the wire. */
    private void inlinedResponses() throws IOException {
        scanner.beginObject();
        for (String member = scanner.nextName(); member != null; member = scanner.nextName()) {
            if (!member.equals("inlinedResponses") || scanner.peekKind() != '[') {
                scanner.skipValue();
                continue;
            }
            if (stopAtInline) {
                scanner.beginArray();
                inlineReached = true;
                return;
            }
            long count = 0;
            scanner.beginArray();
            while (scanner.nextElement()) {
                scanner.skipValue();
                count++;
            }
            // Both places hold the same responses; keep one count, not their sum.
            output = new BatchOutput.Inline(count);
        }
    }

    private RpcStatus status() throws IOException {
        if (!isObject()) {
            return null;
        }
        int code = 2;
        String message = "";
        String status = null;
        scanner.beginObject();
        for (String member = scanner.nextName(); member != null; member = scanner.nextName()) {
            char kind = scanner.peekKind();
            if (member.equals("code") && kind == '0') {
                code = (int) parseLong(scanner.readNumber(), "error.code");
            } else if (member.equals("message") && kind == '"') {
                message = scanner.readString();
            } else if (member.equals("status") && kind == '"') {
                status = scanner.readString();
            } else {
                scanner.skipValue();
            }
        }
        return new RpcStatus(code, message, Optional.ofNullable(status));
    }

    private BatchJob job() {
        String jobName = name != null ? name : metadataName;
        if (jobName == null || !jobName.startsWith("batches/")) {
            throw malformed("a batch operation without a batches/ name");
        }
        BatchState jobState = state == null ? BatchState.UNSPECIFIED : BatchState.of(state);
        BatchJob.Builder b = BatchJob.builder(jobName, model, jobState).counts(new BatchCounts(total, succeeded, failed, pending));
        if (displayName != null) {
            b.displayName(displayName);
        }
        if (createTime != null) {
            b.createTime(createTime);
        }
        if (updateTime != null) {
            b.updateTime(updateTime);
        }
        if (endTime != null) {
            b.endTime(endTime);
        }
        if (output != null) {
            b.output(output);
        }
        if (error != null) {
            b.error(error);
        }
        return b.build();
    }

    private boolean isObject() throws IOException {
        if (scanner.peekKind() == '{') {
            return true;
        }
        scanner.skipValue();
        return false;
    }

    private String string() throws IOException {
        if (scanner.peekKind() != '"') {
            scanner.skipValue();
            return null;
        }
        return scanner.readString();
    }

    private Instant instant() throws IOException {
        String text = string();
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null; // a time we cannot read is left out rather than failing the whole job
        }
    }

    /** An int64 the wire sends as a string, or a number from a lenient proxy. */
    private long count(String field) throws IOException {
        char kind = scanner.peekKind();
        if (kind == '"') {
            return parseLong(scanner.readString(), "batchStats." + field);
        }
        if (kind == '0') {
            return parseLong(scanner.readNumber(), "batchStats." + field);
        }
        scanner.skipValue();
        return 0;
    }

    private static long parseLong(String text, String field) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw malformed(field + " is not an integer");
        }
    }

    private static MalformedResponseException malformed(String what) {
        return new MalformedResponseException("batch operation: " + what, ErrorDetails.ofAttempts(1));
    }
}
