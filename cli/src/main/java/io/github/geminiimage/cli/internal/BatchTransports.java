package io.github.geminiimage.cli.internal;

import io.github.geminiimage.adapter.httpclient5.HttpClient5Transport;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpTransport;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.batch.HttpBatches;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.FilesPort;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The standard {@link BatchPortFactory}. The fake keeps its jobs in a folder ({@link FakeBatchFolder}),
 * so a job submitted by one run is there for the next, as the fake's files are. The HTTP transports run Batch Mode over
 * HTTP with the files port of {@link PortFactory#openFiles} (file jobs' input and results files);
 * when that transport has no files port, inline jobs still work and a file job is refused with a
 * message naming the files port.
 */
public final class BatchTransports implements BatchPortFactory {

    private final Function<TransportChoice, FilesPort> files;
    private final FakeBatchFolder fakeJobs;

    /**
     * Files as {@link Transports#openFiles} opens them; the fake keeps its jobs in
     * {@code gemini-image-fake-batches-USER} under the system's temporary folder.
     */
    public BatchTransports() {
        this(new Transports()::openFiles);
    }

    /** Files opened by {@code files} (a {@link UsageException} from it means "no files port"). */
    public BatchTransports(Function<TransportChoice, FilesPort> files) {
        this(files, FakeBatchFolder.defaultFolder());
    }

    /** Files as {@link Transports#openFiles} opens them; the fake keeps its jobs in {@code fakeJobsFolder}. */
    public BatchTransports(Path fakeJobsFolder) {
        this(new Transports()::openFiles, fakeJobsFolder);
    }

    /** Files opened by {@code files}; the fake keeps its jobs in {@code fakeJobsFolder}. */
    public BatchTransports(Function<TransportChoice, FilesPort> files, Path fakeJobsFolder) {
        this.files = Objects.requireNonNull(files, "files");
        this.fakeJobs = new FakeBatchFolder(fakeJobsFolder);
    }

    @Override
    public BatchPort open(TransportChoice settings) {
        switch (settings.transport()) {
            case FAKE:
                return fakeJobs.open();
            case JDK:
                return http(settings.cassette().isPresent() ? Transports.cassetteTransport(settings)
                        : JdkHttpTransport.create(settings.httpOptions().transportSettings()), settings);
            case HTTPCLIENT5:
                return http(settings.cassette().isPresent() ? Transports.cassetteTransport(settings)
                        : HttpClient5Transport.create(settings.httpOptions().transportSettings()), settings);
            default:
                throw new IllegalStateException("no batch port for transport " + settings.transport());
        }
    }

    private BatchPort http(HttpTransport transport, TransportChoice settings) {
        HttpBatches.Builder builder = HttpBatches.builder(transport, key(settings)).options(settings.httpOptions())
                .ownsTransport(true);
        filesOf(settings).ifPresent(port -> builder.files(port, true));
        return builder.build();
    }

    /** The transport's files port; none if it has none (then only inline jobs work). */
    private Optional<FilesPort> filesOf(TransportChoice settings) {
        try {
            return Optional.of(files.apply(settings));
        } catch (UsageException noFilesPort) {
            return Optional.empty();
        }
    }

    private static ApiKey key(TransportChoice settings) {
        return settings.apiKey().orElseThrow(() -> new UsageException(ImageCommand.KEY_VARIABLE
                + " is not set: the " + settings.transport() + " transport needs your key"));
    }
}
