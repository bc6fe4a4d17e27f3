package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.Conversation;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.ImageModel;
import io.github.geminiimage.domain.ImageSink;
import io.github.geminiimage.domain.ImageSize;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.ModelFamily;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.domain.PriceTable;
import io.github.geminiimage.domain.SearchGrounding;
import io.github.geminiimage.domain.ServiceTier;
import io.github.geminiimage.domain.VertexOptions;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.domain.sink.SinkSession;
import io.github.geminiimage.http.CallObserver;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.port.ImageGenerationPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code generate} and {@code edit} share: the options, and the run itself (build the
 * request, check the outputs, call the port once per image, write the files, report).
 */
abstract class ImageCommand implements Callable<Integer> {

    /** Where the key comes from; never a command-line argument (it would show in {@code ps} and shell history). */
    static final String KEY_VARIABLE = "GEMINI_API_KEY";

    private static final int MAX_COUNT = 10;

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--prompt"}, required = true, paramLabel = "TEXT", description = "What to draw, or how to change the image.")
    String prompt;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PATH",
            description = "The output file, or a folder (existing, or ending in /) for numbered files.")
    String out;

    /** The model when neither {@code --model} nor the session names one. */
    static final String DEFAULT_MODEL = "gemini-2.5-flash-image";

    @Option(names = {"-m", "--model"}, paramLabel = "ID",
            description = "The model id (default: the --session file's model, else " + DEFAULT_MODEL
                    + "); e.g. gemini-3-pro-image, gemini-3.1-flash-image.")
    String model;

    @Option(names = {"-a", "--aspect-ratio"}, paramLabel = "W:H",
            description = {"Output aspect ratio. Default: the input image's, else 1:1. One of:",
                "  1:1 2:3 3:2 3:4 4:3 4:5 5:4 9:16 16:9 21:9", "  and on 3.1 Flash Image also 1:4 4:1 1:8 8:1"})
    String aspectRatio;

    @Option(names = {"-s", "--image-size"}, paramLabel = "SIZE", description = "Output size on Gemini 3 models: 1K, 2K, 4K (512 on 3.1 Flash Image).")
    String imageSize;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "1",
            description = "How many images to make, one call each (1 to " + MAX_COUNT + ").")
    int count;

    @Option(names = "--grounding", paramLabel = "SEARCH",
            description = {"Grounding with Google Search: web, image or both (gemini-3-pro-image: web; gemini-3.1-flash-image: all).",
                "The summary lists the sources the model used (Google's terms ask you to show them)."})
    String grounding;

    @Option(names = "--output-uri-prefix", paramLabel = "gs://BUCKET/PREFIX",
            description = {"Vertex AI only: the images are written to Cloud Storage under this prefix and the reply names",
                "them; their gs:// URIs are printed (and recorded with --json) instead of writing --out."})
    String outputUriPrefix;

    @Option(names = "--force", description = "Replace existing output files.")
    boolean force;

    @Option(names = "--json", description = "Print the result's metadata as JSON on stdout (never the image bytes).")
    boolean json;

    @Option(names = "--session", paramLabel = "FILE",
            description = "Keep the conversation (thought signatures included) in FILE, so the next edit --session FILE continues it.")
    Path session;

    @Mixin
    TransportOptions transportOptions = new TransportOptions();

    @Option(names = "--fake-outcome", paramLabel = "OUTCOME", converter = Converters.FakeOutcomeConverter.class,
            description = "Uses the offline fake and makes it answer OUTCOME, to try a script offline (default image): "
                    + "${COMPLETION-CANDIDATES}.")
    FakeOutcome fakeOutcome;

    @Mixin
    StreamOptions streaming = new StreamOptions();

    @Option(names = "--service-tier", paramLabel = "TIER",
            description = "The service tier to ask for: flex (about half price, answers within 1-15 minutes, may be shed "
                    + "with 503 and is then retried with backoff; the deadline becomes 20m unless --timeout says otherwise), "
                    + "standard or priority (dearer, may be served as standard).")
    String serviceTier;

    @Option(names = "--price-table", paramLabel = "FILE",
            description = "Estimate costs with the prices in FILE (the format of README, \"Cost\") instead of the table "
                    + "built in; never fetched from the network.")
    Path priceTable;

    private final CliContext context;
    private List<ImageInput> inputImages = List.of();
    private StreamOptions.Plan plan = StreamOptions.Plan.NONE;

    ImageCommand(CliContext context) {
        this.context = context;
    }

    /** The {@code --image} values of this command: paths, {@code files/...} names or URIs (see {@link ImageArguments}). */
    abstract List<String> imageValues();

    /** Checks what this command requires beyond picocli's required options. */
    abstract void checkUsage(Conversation conversation);

    @Override
    public Integer call() {
        Report report = new Report(spec.name(), context.out(), context.err(), json);
        report.expect(count, model == null ? DEFAULT_MODEL : model);
        report.customBase(transportOptions.customBase());
        try {
            return run(report).code();
        } catch (UsageException e) {
            return report.usage(e.getMessage()).code();
        } catch (FileProblem e) {
            return report.fileProblem(e).code();
        } catch (ImageGenerationException e) {
            return (ExitCode.outOfMemory(e) ? report.outOfMemory() : report.failure(e)).code();
        } catch (OutOfMemoryError e) {
            return report.outOfMemory().code();
        } catch (RuntimeException e) {
            return (ExitCode.outOfMemory(e) ? report.outOfMemory() : report.internalError(e)).code();
        }
    }

    private Optional<Path> staging = Optional.empty();

    private ExitCode run(Report report) {
        if (count < 1 || count > MAX_COUNT) {
            throw new UsageException("--count must be 1 to " + MAX_COUNT + "; got " + count);
        }
        if (count > 1 && session != null) {
            throw new UsageException("--count above 1 cannot be combined with --session: a conversation continues from one image");
        }
        TransportChoice settings = tiered(settings());
        report.transport(settings.transport());
        Optional<SessionStore> store = Optional.ofNullable(session).map(SessionStore::new);
        SessionStore.Session saved = store.map(SessionStore::load).orElse(SessionStore.Session.NONE);
        model = modelOf(saved, store);
        report.expect(count, model);
        plan = streaming.plan(model, context.interactive());
        Conversation conversation = saved.conversation();
        checkUsage(conversation);
        store.ifPresent(SessionStore::checkWritable);

        // One client for the run, opened when first needed: uploads of --image file arguments and the
        // generation share it, and nothing is opened before the output checks pass.
        try (Progress progress = new Progress(context.err(), context.interactive(), terminalColumns(context));
                OnDemand client = new OnDemand(() -> context.clients().open(withObserver(settings, progress)))) {
            inputImages = ImageArguments.resolve(imageValues(), () -> client.get().files());
            GenerationRequest.Builder builder = requestBuilder();
            GenerationRequest first = conversation.request(builder);
            ModelFamily family = first.model().family();
            OutputFiles outputs = OutputFiles.of(Path.of(out), out, count, force);
            outputs.check(family == ModelFamily.UNKNOWN ? MediaType.PNG : family.outputType());
            Optional<Previews> previews = plan.previews().map(Previews::in);
            report.previewsAsked(previews.isPresent());
            ImageGenerationPort port = client.get().images();
            StreamedCall streamed = new StreamedCall(progress, previews, context.err(), spec.name());
            // The images go straight to disk while they arrive (a 4K image never sits in the heap),
            // into a folder of their own in the temporary folder, and are moved into place from
            // there. Live previews need each draft's bytes as it comes, so --previews keeps the
            // images in memory.
            staging = previews.isEmpty() ? Optional.of(outputs.staging()) : Optional.empty();
            for (int i = 0; i < count; i++) {
                GenerationRequest planned = i == 0 ? first : conversation.request(requestBuilder());
                int number = i + 1;
                GenerationRequest request = staging.map(dir -> planned.withSink(ImageSink.toFolder(dir, "image-" + number)))
                        .orElse(planned);
                progress.start((count > 1 ? "image " + (i + 1) + " of " + count + ": " : "")
                        + "generating with " + request.model().id()
                        + " over " + settings.transport());
                GenerationResult result;
                List<Path> drafts = List.of();
                try {
                    if (plan.stream()) {
                        StreamedCall.Done done = streamed.run(port, request);
                        result = done.result();
                        drafts = done.previews();
                    } else {
                        result = port.generate(request);
                    }
                } catch (ImageGenerationException e) {
                    if (plan.stream() && streamed.eventSeen()) {
                        report.cutMidStream();
                    }
                    throw e;
                } finally {
                    progress.stop();
                }
                report.previews(drafts);
                Outcome outcome = result.outcome();
                if (outcome != Outcome.IMAGE) {
                    conversation = saveSession(store, conversation, planned, result, report);
                    report.result(result, Optional.empty());
                    return report.noImage(result);
                }
                // The paid image first: a session file that cannot be written must not cost the image.
                GeneratedImage image = result.finalImage().orElseThrow();
                if (image.isReference()) {
                    // Already stored where the reply says (an output prefix on Vertex AI): nothing to write.
                    report.result(result, Optional.empty());
                } else {
                    Path written = outputs.write(image, i);
                    if (image.written().isPresent()) {
                        result = SinkSession.relocated(result, image, written);
                        image = result.finalImage().orElseThrow();
                    }
                    report.result(result, Optional.of(new Report.Written(written, image)));
                }
                conversation = saveSession(store, conversation, planned, result, report);
            }
        } finally {
            staging.ifPresent(OutputFiles::removeStaging);
        }
        return report.success();
    }

    /**
     * The model of this run: a session keeps the model it was started with, so continuing it without
     * {@code --model} uses that model, and another {@code --model} is a usage error naming both (its
     * turns, thought signatures included, belong to that model). A session file without a model
     * (written before sessions kept theirs) continues with {@code --model} or the default, which it
     * keeps from then on.
     */
    private String modelOf(SessionStore.Session saved, Optional<SessionStore> store) {
        if (saved.model().isPresent() && model != null && !bare(saved.model().get()).equals(bare(model))) {
            throw new UsageException("--model " + model + " differs from the model of the session " + store.orElseThrow().file()
                    + ", " + saved.model().get() + ": a conversation continues with the model it started with; drop --model, "
                    + "or pass another --session to start a new conversation with " + model);
        }
        return model != null ? model : saved.model().orElse(DEFAULT_MODEL);
    }

    private static String bare(String modelId) {
        return modelId.startsWith("models/") ? modelId.substring("models/".length()) : modelId;
    }

    /** A client opened on first use and closed with this holder if it was. */
    private static final class OnDemand implements AutoCloseable {
        private final java.util.function.Supplier<GeminiClient> opener;
        private GeminiClient client;

        OnDemand(java.util.function.Supplier<GeminiClient> opener) {
            this.opener = opener;
        }

        GeminiClient get() {
            if (client == null) {
                client = opener.get();
            }
            return client;
        }

        @Override
        public void close() {
            if (client != null) {
                client.close();
            }
        }
    }

    private Conversation saveSession(Optional<SessionStore> store, Conversation conversation, GenerationRequest request,
            GenerationResult result, Report report) {
        if (store.isEmpty()) {
            return conversation;
        }
        Conversation longer = conversation.then(request, result);
        store.get().save(longer, model);
        report.session(store.get().file(), longer.turns().size());
        return longer;
    }

    private GenerationRequest.Builder requestBuilder() {
        ImageModel imageModel = ImageModel.of(model);
        GenerationRequest.Builder builder = GenerationRequest.builder().model(imageModel).prompt(prompt);
        if (aspectRatio != null) {
            builder.aspectRatio(parseRatio(imageModel));
        }
        if (imageSize != null) {
            builder.imageSize(ImageSize.parse(imageSize));
        }
        builder.images(inputImages);
        if (grounding != null) {
            builder.grounding(SearchGrounding.parse(grounding));
        }
        if (outputUriPrefix != null) {
            builder.vertexOptions(VertexOptions.NONE.withOutputUriPrefix(outputUriPrefix));
        }
        tier().ifPresent(builder::serviceTier);
        if (plan.includeThoughts()) {
            builder.includeThoughts(true);
        }
        return builder;
    }

    /**
     * The ratio as {@code --aspect-ratio} gives it; an unknown one is refused naming the model and
     * only its ratios, in the same words as the domain's refusal of a ratio the model lacks.
     */
    private AspectRatio parseRatio(ImageModel imageModel) {
        try {
            return AspectRatio.parse(aspectRatio);
        } catch (InvalidRequestException e) {
            ModelFamily family = imageModel.family();
            throw new InvalidRequestException("aspectRatio", aspectRatio, "one of "
                    + family.aspectRatios().stream().sorted().map(AspectRatio::value).toList() + " for "
                    + (family == ModelFamily.UNKNOWN ? "model " : "") + imageModel.id());
        }
    }

    private Optional<ServiceTier> tier() {
        if (serviceTier == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ServiceTier.of(serviceTier));
        } catch (InvalidRequestException e) {
            throw new UsageException("--service-tier must be flex, standard or priority; got " + serviceTier);
        }
    }

    /**
     * The settings fitted to {@code --service-tier} and {@code --price-table}: a flex call waits up
     * to 15 minutes for its headers, so the inactivity timeout follows, and an explicit
     * {@code --timeout} also bounds a flex call.
     */
    private TransportChoice tiered(TransportChoice settings) {
        HttpOptions.Builder options = settings.httpOptions().toBuilder();
        if (tier().filter(t -> t == ServiceTier.FLEX).isPresent()) {
            options.inactivityTimeout(Duration.ofMinutes(16));
            if (transportOptions.timeout != null) {
                options.flexDeadline(transportOptions.timeout);
            }
        }
        if (priceTable != null) {
            options.priceTable(readPriceTable(priceTable));
        }
        return new TransportChoice(settings.transport(), settings.apiKey(), options.build(), settings.fakeOutcome(),
                settings.applicationDefaultCredentials(), settings.cassette());
    }

    private static PriceTable readPriceTable(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UsageException("--price-table " + file + " cannot be read: " + e.getMessage());
        }
        try {
            return PriceTable.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--price-table " + file + ": " + e.getMessage());
        }
    }

    private TransportChoice settings() {
        return transportOptions.settings(context, Optional.ofNullable(fakeOutcome), "answers with drawn test images");
    }

    private static TransportChoice withObserver(TransportChoice settings, Progress progress) {
        // Beside --verbose's observer, if any: both hear every event.
        HttpOptions options = settings.httpOptions().toBuilder()
                .observer(CallObserver.all(List.of(settings.httpOptions().observer(), progress))).build();
        return new TransportChoice(settings.transport(), settings.apiKey(), options, settings.fakeOutcome(),
                settings.applicationDefaultCredentials(), settings.cassette());
    }

    /** The terminal's width from {@code COLUMNS} when the shell exports it, else the common 80. */
    static int terminalColumns(CliContext context) {
        try {
            int columns = Integer.parseInt(context.environment().getOrDefault("COLUMNS", "80").trim());
            return columns >= 20 ? columns : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
