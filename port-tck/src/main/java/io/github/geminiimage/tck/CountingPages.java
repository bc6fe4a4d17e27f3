package io.github.geminiimage.tck;

import io.github.geminiimage.domain.file.FilePage;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.forwarding.ForwardingFilesPort;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link FilesPort} that delegates everything and counts the pages read, to see that listing is lazy. */
record CountingPages(FilesPort delegate, AtomicInteger pages) implements ForwardingFilesPort {

    @Override
    public FilePage listPage(int pageSize, Optional<String> pageToken) {
        pages.incrementAndGet();
        return delegate.listPage(pageSize, pageToken);
    }
}
