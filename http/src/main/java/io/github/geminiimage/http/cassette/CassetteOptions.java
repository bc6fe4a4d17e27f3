package io.github.geminiimage.http.cassette;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How a cassette matches requests, what it redacts and what it stores out of line. Immutable; the
 * defaults ({@link #defaults()}) suit the Gemini API: uploads matched by their command and offset,
 * keys and tokens redacted, base64 {@code data} values of 1024 characters or more stored beside the
 * documents as binary files.
 */
public final class CassetteOptions {

    /** The shortest base64 value stored out of line by default, in characters. */
    public static final int DEFAULT_MIN_PAYLOAD_CHARS = 1024;

    private static final CassetteOptions DEFAULTS = new Builder().build();

    private final Set<String> volatileFields;
    private final Set<String> matchedHeaders;
    private final Set<String> secretHeaders;
    private final Set<String> secretQueryParameters;
    private final Set<String> payloadFields;
    private final int minPayloadChars;

    private CassetteOptions(Builder b) {
        this.volatileFields = Set.copyOf(b.volatileFields);
        this.matchedHeaders = Set.copyOf(b.matchedHeaders);
        this.secretHeaders = Set.copyOf(b.secretHeaders);
        this.secretQueryParameters = Set.copyOf(b.secretQueryParameters);
        this.payloadFields = Set.copyOf(b.payloadFields);
        this.minPayloadChars = b.minPayloadChars;
    }

    /** The defaults. */
    public static CassetteOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The JSON members of request bodies that matching ignores: names (anywhere) or pointers ({@code /a/0/b}). */
    public Set<String> volatileFields() {
        return volatileFields;
    }

    /** The request headers (lower case) whose values matching compares; others are recorded but not compared. */
    public Set<String> matchedHeaders() {
        return matchedHeaders;
    }

    /** The headers (lower case) whose values are always redacted, besides those a request marks sensitive. */
    public Set<String> secretHeaders() {
        return secretHeaders;
    }

    /** The query parameters (lower case) whose values are always redacted and that matching ignores. */
    public Set<String> secretQueryParameters() {
        return secretQueryParameters;
    }

    /** The JSON members whose long base64 string values are stored out of line. */
    public Set<String> payloadFields() {
        return payloadFields;
    }

    /** The shortest base64 value, in characters, stored out of line. */
    public int minPayloadChars() {
        return minPayloadChars;
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.volatileFields.clear();
        b.volatileFields.addAll(volatileFields);
        b.matchedHeaders.clear();
        b.matchedHeaders.addAll(matchedHeaders);
        b.secretHeaders.clear();
        b.secretHeaders.addAll(secretHeaders);
        b.secretQueryParameters.clear();
        b.secretQueryParameters.addAll(secretQueryParameters);
        b.payloadFields.clear();
        b.payloadFields.addAll(payloadFields);
        b.minPayloadChars = minPayloadChars;
        return b;
    }

    /** Builds {@link CassetteOptions}. Not thread-safe. */
    public static final class Builder {
        private final Set<String> volatileFields = new LinkedHashSet<>();
        private final Set<String> matchedHeaders = new LinkedHashSet<>(Set.of("x-goog-upload-command",
                "x-goog-upload-offset", "x-goog-upload-protocol", "x-goog-upload-header-content-length",
                "x-goog-upload-header-content-type"));
        private final Set<String> secretHeaders = new LinkedHashSet<>(Set.of("authorization", "proxy-authorization",
                "x-goog-api-key", "x-api-key", "api-key", "cookie", "set-cookie"));
        private final Set<String> secretQueryParameters = new LinkedHashSet<>(Set.of("key", "api_key", "access_token",
                "token", "signature", "sig", "x-goog-signature", "x-goog-credential"));
        private final Set<String> payloadFields = new LinkedHashSet<>(Set.of("data", "bytesBase64Encoded"));
        private int minPayloadChars = DEFAULT_MIN_PAYLOAD_CHARS;

        private Builder() {
        }

        /**
         * A request body member matching ignores: a name ({@code displayName}, anywhere in the body)
         * or a JSON pointer from the root ({@code /batch/displayName}).
         *
         * @throws IllegalArgumentException if it is blank
         */
        public Builder volatileField(String field) {
            volatileFields.add(nonBlank(field, "volatileField"));
            return this;
        }

        /** Another request header whose value matching compares (e.g. {@code content-type}). */
        public Builder matchedHeader(String name) {
            matchedHeaders.add(nonBlank(name, "matchedHeader").toLowerCase(Locale.ROOT));
            return this;
        }

        /** Another header whose values are always redacted. */
        public Builder secretHeader(String name) {
            secretHeaders.add(nonBlank(name, "secretHeader").toLowerCase(Locale.ROOT));
            return this;
        }

        /** Another query parameter whose values are always redacted (and ignored by matching). */
        public Builder secretQueryParameter(String name) {
            secretQueryParameters.add(nonBlank(name, "secretQueryParameter").toLowerCase(Locale.ROOT));
            return this;
        }

        /** Another JSON member whose long base64 values are stored out of line. */
        public Builder payloadField(String name) {
            payloadFields.add(nonBlank(name, "payloadField"));
            return this;
        }

        /**
         * The shortest base64 value stored out of line (default {@value #DEFAULT_MIN_PAYLOAD_CHARS}).
         *
         * @throws IllegalArgumentException if it is below 4
         */
        public Builder minPayloadChars(int chars) {
            if (chars < 4) {
                throw new IllegalArgumentException("minPayloadChars: " + chars + " is not allowed; expected at least 4");
            }
            this.minPayloadChars = chars;
            return this;
        }

        /** The options. */
        public CassetteOptions build() {
            return new CassetteOptions(this);
        }

        private static String nonBlank(String value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isBlank()) {
                throw new IllegalArgumentException(what + ": a blank name is not allowed");
            }
            return value.strip();
        }
    }
}
