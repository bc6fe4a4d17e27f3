package io.github.geminiimage.cli.internal;

import io.github.geminiimage.adapter.fake.FakeBatches;
import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.ImageSize;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.batch.BatchInputMode;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.forwarding.ForwardingBatchPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The offline fake's Batch Mode for the command line, kept in a folder so that a job submitted by
 * one run ({@code batch submit}) is there for the next ({@code status}, {@code results},
 * {@code cancel}, {@code delete}, {@code list}), as {@link FakeFileFolder} keeps files. Jobs run on
 * the system clock with {@link FakeBatches}' short default timing (pending half a second, then
 * running a second and a half), so {@code status --wait} returns within seconds. Not meant for
 * concurrent runs that submit, cancel and delete the same jobs.
 */
final class FakeBatchFolder {

    /** How long the folder keeps a job. */
    static final Duration RETENTION = Duration.ofHours(48);

    private final KeptEntries entries;

    /** A store in {@code folder}, created when first written. */
    FakeBatchFolder(Path folder) {
        this.entries = new KeptEntries(folder, "batches", ".requests.json");
    }

    /** {@code gemini-image-fake-batches-USER} in the system's temporary folder, beside the fake's files. */
    static Path defaultFolder() {
        return KeptEntries.defaultFolder("batches");
    }

    /**
     * A batch port holding the kept jobs, writing every submit, cancel and delete through to the
     * folder. Each kept job is submitted again to a fresh {@link FakeBatches} under its own name at
     * its own creation time (and cancelled at its cancel time), so its state and results are the
     * ones it would have had in a single process; jobs older than 48 hours are dropped.
     *
     * @throws FileProblem if the folder cannot be read
     */
    BatchPort open() {
        List<Kept> kept = read();
        ReplayClock clock = new ReplayClock();
        Set<String> held = new HashSet<>();
        kept.forEach(k -> held.add(k.name()));
        SecureRandom random = new SecureRandom();
        String[] restoring = {null};
        FakeBatches fake = FakeBatches.builder().clock(clock).seed(random.nextLong()).names(() -> {
            if (restoring[0] != null) {
                return restoring[0];
            }
            String name;
            do {
                name = "batches/" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            } while (!held.add(name));
            return name;
        }).build();
        List<Event> events = new ArrayList<>();
        for (Kept job : kept) {
            events.add(new Event(job.createTime(), job, false));
            job.cancelTime().ifPresent(t -> events.add(new Event(t, job, true)));
        }
        events.sort(Comparator.comparing(Event::time));
        for (Event event : events) {
            clock.at(event.time());
            try {
                if (event.cancel()) {
                    fake.cancel(event.job().name());
                } else {
                    restoring[0] = event.job().name();
                    fake.submit(event.job().displayName(), event.job().model(), requests(event.job()),
                            BatchSubmitOptions.via(event.job().via()));
                }
            } catch (RuntimeException e) {
                // Damaged, or its images are gone: forgotten, as the service forgets an expired job.
                entries.remove(event.job().id());
            } finally {
                restoring[0] = null;
            }
        }
        clock.release();
        return new WriteThrough(fake, clock);
    }

    /** A job as the folder keeps it. */
    private record Kept(String id, String name, String displayName, String model, BatchInputMode via, Instant createTime,
            Optional<Instant> cancelTime) {
    }

    private record Event(Instant time, Kept job, boolean cancel) {
    }

    private List<Kept> read() {
        List<Kept> kept = new ArrayList<>();
        Instant now = Instant.now();
        for (KeptEntries.Read<Kept> entry : entries.readAll(FakeBatchFolder::kept)) {
            Optional<Kept> job = entry.value();
            if (job.isEmpty() || !job.get().createTime().plus(RETENTION).isAfter(now)) {
                entries.remove(entry.id());
            } else {
                kept.add(job.get());
            }
        }
        return kept;
    }

    private static Kept kept(String id, Properties properties) {
        return new Kept(id, properties.getProperty("name"), properties.getProperty("displayName"),
                properties.getProperty("model"), BatchInputMode.valueOf(properties.getProperty("via")),
                Instant.parse(properties.getProperty("createTime")),
                Optional.ofNullable(properties.getProperty("cancelTime")).map(Instant::parse));
    }

    /** The kept requests of a job. */
    private Iterable<KeyedRequest> requests(Kept job) {
        CliDocuments.KeptRequests kept;
        try (InputStream in = Files.newInputStream(entries.data(job.id()))) {
            kept = CliJson.read(in, CliDocuments.KeptRequests.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<KeyedRequest> requests = new ArrayList<>();
        for (CliDocuments.KeptRequest request : kept.requests()) {
            requests.add(request(request, job.model()));
        }
        return requests;
    }

    private static KeyedRequest request(CliDocuments.KeptRequest kept, String model) {
        GenerationRequest.Builder request = GenerationRequest.builder().model(model);
        Optional.ofNullable(kept.prompt()).ifPresent(request::prompt);
        Optional.ofNullable(kept.aspectRatio()).map(AspectRatio::parse).ifPresent(request::aspectRatio);
        Optional.ofNullable(kept.imageSize()).map(ImageSize::parse).ifPresent(request::imageSize);
        for (CliDocuments.KeptImage image : Optional.ofNullable(kept.images()).orElse(List.of())) {
            request.addImage(image(image));
        }
        if (kept.key() == null) {
            throw new IllegalStateException("a kept request has no key");
        }
        return KeyedRequest.of(kept.key(), request.build());
    }

    private static ImageInput image(CliDocuments.KeptImage kept) {
        MediaType type = MediaType.fromMimeType(String.valueOf(kept.mimeType()))
                .orElseThrow(() -> new IllegalStateException("a kept image has no known type"));
        if (kept.file() != null) {
            return ImageInput.ofFile(Path.of(kept.file()), type);
        }
        if (kept.uri() != null) {
            return ImageInput.ofUri(URI.create(kept.uri()), type);
        }
        throw new IllegalStateException("a kept image has neither file nor uri");
    }

    /**
     * Keeps a job just submitted as two entries: {@code ID.requests.json} (key, prompt, ratio, size
     * and images, the fields the command line sets; local and in-memory images copied to
     * {@code images/} under their SHA-256, so the job does not depend on its input files), then
     * {@code ID.properties} (name, display name, model, input mode, creation and cancel times),
     * written last, so a half-written job is never listed.
     */
    private void save(BatchJob job, BatchInputMode via, List<KeyedRequest> requests) {
        String id = job.name().substring("batches/".length());
        try {
            KeptFiles.createPrivateFolder(entries.folder());
            List<CliDocuments.KeptRequest> kept = new ArrayList<>();
            for (KeyedRequest request : requests) {
                kept.add(keptRequest(request));
            }
            byte[] json = CliJson.write(new CliDocuments.KeptRequests(kept)).getBytes(StandardCharsets.UTF_8);
            KeptFiles.writeAtomically(entries.data(id), out -> out.write(json));
            Properties properties = new Properties();
            properties.setProperty("name", job.name());
            properties.setProperty("displayName", job.displayName().orElse(id));
            properties.setProperty("model", job.model().replaceFirst("^models/", ""));
            properties.setProperty("via", via.name());
            properties.setProperty("createTime", job.createTime().orElseThrow().toString());
            entries.writeProperties(id, properties);
        } catch (IOException e) {
            entries.remove(id);
            throw entries.problem("cannot keep " + job.name() + " in", e);
        }
    }

    private CliDocuments.KeptRequest keptRequest(KeyedRequest keyed) throws IOException {
        GenerationRequest request = keyed.request();
        List<CliDocuments.KeptImage> images = new ArrayList<>();
        for (ImageInput image : request.images()) {
            String mimeType = image.mediaType().mimeType();
            images.add(image.isReference() ? new CliDocuments.KeptImage(mimeType, image.uri().orElseThrow().toString(), null)
                    : new CliDocuments.KeptImage(mimeType, null, copyImage(image).toString()));
        }
        return new CliDocuments.KeptRequest(keyed.key(), request.prompt().orElse(null),
                request.aspectRatio().map(AspectRatio::value).orElse(null), request.imageSize().map(ImageSize::value).orElse(null),
                images);
    }

    /** The image's bytes in {@code images/SHA-256.EXT}, written once however many jobs use them. */
    private Path copyImage(ImageInput image) throws IOException {
        byte[] bytes = image.readAllBytes();
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        Path images = entries.folder().resolve("images");
        KeptFiles.createPrivateFolder(images);
        Path copy = images.resolve(hash + "." + image.mediaType().fileExtension());
        if (!Files.isRegularFile(copy)) {
            KeptFiles.writeAtomically(copy, out -> out.write(bytes));
        }
        return copy;
    }

    private void cancelled(String name, Instant time) {
        String id = name.substring("batches/".length());
        try {
            Properties properties = entries.properties(id);
            properties.setProperty("cancelTime", time.toString());
            entries.writeProperties(id, properties);
        } catch (IOException e) {
            throw entries.problem("cannot keep the cancel of " + name + " in", e);
        }
    }

    /**
     * The system clock, except while the kept jobs are submitted again: then it shows each job's own
     * creation (or cancel) time.
     */
    private static final class ReplayClock extends Clock {
        private volatile Instant fixed;

        void at(Instant time) {
            fixed = time;
        }

        void release() {
            fixed = null;
        }

        @Override
        public Instant instant() {
            Instant now = fixed;
            return now != null ? now : Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public String toString() {
            return "the system clock";
        }
    }

    /** The fake, with submits, cancels and deletes kept in the folder. */
    private final class WriteThrough implements ForwardingBatchPort {
        private final FakeBatches fake;
        private final Clock clock;

        WriteThrough(FakeBatches fake, Clock clock) {
            this.fake = fake;
            this.clock = clock;
        }

        @Override
        public BatchPort delegate() {
            return fake;
        }

        @Override
        public BatchJob submit(String displayName, String model, Iterable<KeyedRequest> requests, BatchSubmitOptions options) {
            List<KeyedRequest> held = new ArrayList<>();
            requests.forEach(held::add);
            BatchJob job = fake.submit(displayName, model, held, options);
            save(job, fake.inputMode(job.name()).orElseThrow(), held);
            return job;
        }

        @Override
        public CompletableFuture<BatchJob> submitAsync(String displayName, String model, Iterable<KeyedRequest> requests,
                BatchSubmitOptions options) {
            return CompletableFuture.supplyAsync(() -> submit(displayName, model, requests, options));
        }

        @Override
        public void cancel(String name) {
            fake.cancel(name);
            cancelled(BatchJob.checkName(name), clock.instant());
        }

        @Override
        public CompletableFuture<Void> cancelAsync(String name) {
            return CompletableFuture.runAsync(() -> cancel(name));
        }

        @Override
        public void delete(String name) {
            fake.delete(name);
            entries.remove(BatchJob.checkName(name).substring("batches/".length()));
        }

        @Override
        public CompletableFuture<Void> deleteAsync(String name) {
            return CompletableFuture.runAsync(() -> delete(name));
        }

        @Override
        public String toString() {
            return "the offline fake's batches in " + entries.folder() + ": " + fake;
        }
    }
}
