package io.github.geminiimage.tck;

import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.port.forwarding.ForwardingFilesPort;

/**
 * The files view of a client made for one suite's port: every call goes to the view, and
 * {@link #close()} closes the client (a view's own close does nothing), so that the port contract's
 * close checks apply to what owns the port.
 *
 * @param client the client the port belongs to
 */
public record ClientFilesPort(GeminiClient client) implements ForwardingFilesPort {

    /** The client's files view, asked for at each call. */
    @Override
    public FilesPort delegate() {
        return client.files();
    }

    @Override
    public void close() {
        client.close();
    }
}
