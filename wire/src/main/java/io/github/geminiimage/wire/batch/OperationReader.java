package io.github.geminiimage.wire.batch;

import io.github.geminiimage.domain.batch.BatchCounts;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchOutput;
import io.github.geminiimage.domain.batch.BatchPage;
import io.github.geminiimage.domain.batch.BatchState;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.error.RpcStatus;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one batch {@code Operation} (docs/wire-format.md, "Batch Mode") from a scanner, value by value: the state
 * whichever prefix it has, counts as strings or numbers (omitted = 0), the output from {@code response}
 * or {@code metadata.output}, inline responses counted while skipped (or, for results, left in the
 * scanner at the first one). Not thread-safe; one per operation.
 */
public final class OperationReader {

    private static final int MAX_STRING = 64 * 1024;

    private final JsonLineScanner scanner;
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

    private OperationReader(JsonLineScanner scanner, boolean stopAtInline) {
        this.scanner = scanner;
        this.stopAtInline = stopAtInline;
    }

    /** A scanner for a reply body. */
    public static JsonLineScanner scanner(InputStream body) {
        return new JsonLineScanner(body, MAX_STRING);
    }

    /** Reads a whole operation, inline responses counted. */
    public static BatchJob read(JsonLineScanner scanner) throws IOException {
        OperationReader reader = new OperationReader(scanner, false);
        reader.operation();
        return reader.job();
    }

    /**
     * Reads an operation until its first inline responses array: then the scanner stands before the
     * array's first element and the result is empty; otherwise the whole job is read and returned.
     */
    public static Optional<BatchJob> readUntilInline(JsonLineScanner scanner) throws IOException {
        OperationReader reader = new OperationReader(scanner, true);
        reader.operation();
        return reader.inlineReached ? Optional.empty() : Optional.of(reader.job());
    }

    /**
     * The inline responses a scanner stands before (after {@link #readUntilInline} found them), as
     * JSONL for {@link BatchResultReader}: one element a line. Closing it closes {@code reply}.
     */
    public static InputStream inlinedResponses(JsonLineScanner scanner, Closeable reply) {
        return new InlinedResponsesStream(scanner, reply);
    }

    /** A list reply: {@code {"operations":[...],"nextPageToken":"..."}}, both optional. */
    public static BatchPage readPage(JsonLineScanner scanner) throws IOException {
        List<BatchJob> jobs = new ArrayList<>();
        String token = null;
        scanner.beginObject();
        for (String member = scanner.nextName(); member != null; member = scanner.nextName()) {
            if (member.equals("operations") && scanner.peekKind() == '[') {
                scanner.beginArray();
                while (scanner.nextElement()) {
                    jobs.add(read(scanner));
                }
            } else if (member.equals("nextPageToken") && scanner.peekKind() == '"') {
                token = scanner.readString();
            } else {
                scanner.skipValue();
            }
        }
        return new BatchPage(jobs, Optional.ofNullable(token).filter(t -> !t.isEmpty()));
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
