package io.github.geminiimage.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.error.MalformedResponseException;
import io.github.geminiimage.domain.file.FileError;
import io.github.geminiimage.domain.file.FilePage;
import io.github.geminiimage.domain.file.FileSource;
import io.github.geminiimage.domain.file.FileState;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.Sha256;
import io.github.geminiimage.domain.file.StoredFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** File resources, list pages and error envelopes, written as the API writes them and read back. */
class SmallDocumentsTest {

    private static final StoredFile FILE = StoredFile.builder("files/abc123",
            URI.create("https://generativelanguage.googleapis.com/v1beta/files/abc123"), "image/png", 1234)
            .displayName("cat \"one\"").state(FileState.ACTIVE).createTime(Instant.parse("2026-01-02T03:04:05.123Z"))
            .updateTime(Instant.parse("2026-01-02T03:04:06Z")).expirationTime(Instant.parse("2026-01-04T03:04:05Z"))
            .sha256(Sha256.of("hello".getBytes(StandardCharsets.UTF_8))).source(FileSource.UPLOADED).build();

    @Test
    void aFileWrittenAsTheApiSendsItReadsBackTheSame() throws IOException {
        byte[] json = FileResources.writeFile(FILE);

        assertThat(new String(json, StandardCharsets.UTF_8)).startsWith("{\"name\":\"files/abc123\",\"displayName\":")
                .contains("\"sizeBytes\":\"1234\"");
        assertThat(FileResources.readFile(new ByteArrayInputStream(json), "get")).isEqualTo(FILE);
        assertThat(FileResources.readFile(new ByteArrayInputStream(FileResources.writeUploaded(FILE)), "upload"))
                .isEqualTo(FILE);
    }

    @Test
    void aFailedFileKeepsItsError() throws IOException {
        StoredFile failed = StoredFile.builder("files/x1", URI.create("https://h/v1beta/files/x1"), "image/png", 0)
                .state(FileState.FAILED).error(new FileError(13, "processing failed")).build();

        assertThat(FileResources.readFile(new ByteArrayInputStream(FileResources.writeFile(failed)), "get"))
                .isEqualTo(failed);
    }

    @Test
    void aPageReadsBackAndAnEmptyPageIsAnEmptyObject() throws IOException {
        FilePage page = new FilePage(List.of(FILE, FILE), Optional.of("next"));

        assertThat(FileResources.readPage(new ByteArrayInputStream(FileResources.writePage(page)), "list")).isEqualTo(page);
        assertThat(FileResources.writePage(new FilePage(List.of(), Optional.empty()))).asString(StandardCharsets.UTF_8)
                .isEqualTo("{}");
    }

    @Test
    void theStartBodyNamesTheFileInTheOrderTheClientAlwaysSentIt() {
        FileUpload upload = FileUpload.fromStream(new ByteArrayInputStream(new byte[3]), 3).mimeType("image/png")
                .displayName("d").name("files/n1").build();

        assertThat(FileResources.startBody(upload)).asString(StandardCharsets.UTF_8)
                .isEqualTo("{\"file\":{\"name\":\"files/n1\",\"displayName\":\"d\",\"mimeType\":\"image/png\"}}");
    }

    @Test
    void aFileWithoutNameOrWithABadSizeIsMalformed() {
        assertThatThrownBy(() -> FileResources.readFile(bytes("{\"uri\":\"https://h/x\"}"), "get"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("has no name");
        assertThatThrownBy(() -> FileResources.readFile(bytes("{\"name\":\"files/a\",\"uri\":\"https://h/x\",\"sizeBytes\":\"-1\"}"), "get"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("sizeBytes");
        assertThatThrownBy(() -> FileResources.readFile(bytes("[1]"), "get"))
                .isInstanceOf(MalformedResponseException.class).hasMessageContaining("the get reply");
    }

    @Test
    void anErrorEnvelopeIsWrittenAsGoogleWritesIt() {
        ErrorEnvelope envelope = ErrorEnvelope.of(429, "RESOURCE_EXHAUSTED", "slow down")
                .withDetail(ErrorEnvelope.retryInfo(Duration.ofMillis(1500)))
                .withDetail(ErrorEnvelope.errorInfo("RATE_LIMIT_EXCEEDED", "googleapis.com", Map.of("service", "s")));

        assertThat(envelope.toJson()).asString(StandardCharsets.UTF_8).isEqualTo("{\"error\":{\"code\":429,"
                + "\"message\":\"slow down\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"1.5s\"},{\"@type\":"
                + "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"RATE_LIMIT_EXCEEDED\","
                + "\"domain\":\"googleapis.com\",\"metadata\":{\"service\":\"s\"}}]}}");
        assertThat(ErrorEnvelope.of(404, "NOT_FOUND", "gone").toJson()).asString(StandardCharsets.UTF_8)
                .isEqualTo("{\"error\":{\"code\":404,\"message\":\"gone\",\"status\":\"NOT_FOUND\"}}");
        assertThat(ErrorEnvelope.duration(Duration.ofSeconds(2))).isEqualTo("2s");
    }

    @Test
    void theEnvelopeWrittenIsReadBackByTheErrorReader() {
        byte[] json = ErrorEnvelope.of(429, "RESOURCE_EXHAUSTED", "slow down")
                .withDetail(ErrorEnvelope.retryInfo(Duration.ofSeconds(2)))
                .withDetail(ErrorEnvelope.errorInfo("RATE_LIMIT_EXCEEDED", "googleapis.com", Map.of())).toJson();

        ErrorBody read = ErrorBody.parse(new String(json, StandardCharsets.UTF_8)).orElseThrow();

        assertThat(read.code()).contains(429);
        assertThat(read.status()).contains("RESOURCE_EXHAUSTED");
        assertThat(read.message()).contains("slow down");
        assertThat(read.retryDelay()).contains("2s");
        assertThat(read.reasons()).containsExactly("RATE_LIMIT_EXCEEDED");
        assertThat(read.errorObject()).isTrue();
    }

    @Test
    void aProxyShapeAndARewrappedEnvelopeAreReadAndAPageIsNot() {
        assertThat(ErrorBody.parse("{\"error\":\"bad key\",\"code\":\"401\"}").orElseThrow().code()).contains(401);
        String inner = "{\\\"error\\\":{\\\"code\\\":503,\\\"message\\\":\\\"overloaded\\\",\\\"status\\\":\\\"UNAVAILABLE\\\"}}";
        ErrorBody rewrapped = ErrorBody.parse("[{\"error\":{\"code\":500,\"message\":\"" + inner + "\"}}]").orElseThrow();
        assertThat(rewrapped.message()).contains("overloaded");
        assertThat(rewrapped.status()).contains("UNAVAILABLE");
        assertThat(ErrorBody.parse("<html><title>502</title></html>")).isEmpty();
        assertThat(ErrorBody.parse("[".repeat(40) + "]".repeat(40))).isEmpty();
    }

    private static ByteArrayInputStream bytes(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
