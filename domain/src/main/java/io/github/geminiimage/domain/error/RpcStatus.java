package io.github.geminiimage.domain.error;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code google.rpc.Status} as the batch API reports it: why a job failed, or why one request of a
 * job failed. Immutable.
 *
 * @param code the {@code google.rpc.Code} number (3 invalid argument, 8 resource exhausted, 13
 *     internal, ...), 0 when absent
 * @param message the server's message, possibly empty
 * @param status the status word ({@code INVALID_ARGUMENT}), which result lines may omit
 */
public record RpcStatus(int code, String message, Optional<String> status) {

    /** Checks the values are present. */
    public RpcStatus {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(status, "status");
    }

    @Override
    public String toString() {
        return "RpcStatus[" + code + status.map(s -> " " + s).orElse("") + ": " + message + "]";
    }
}
