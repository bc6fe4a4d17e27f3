package io.github.geminiimage.domain;

import io.github.geminiimage.domain.batch.BatchResult;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Token prices per model, tier and batch, dated and naming their source: what a call's
 * {@link CostEstimate} is computed from. Never looked up over the network: {@link #google()} is
 * built into the library (docs/pricing.md says where its numbers come from), and a user replaces it
 * with {@link #builder} or {@link #parse} when Google's prices change. Immutable and thread-safe.
 *
 * <p>A model id is priced by the longest model prefix of the table it starts with, so
 * {@code gemini-3-pro-image-preview} takes the {@code gemini-3-pro-image} row; an id no row claims
 * gets no estimate.
 */
public record PriceTable(LocalDate date, String source, Map<String, Map<PriceTier, TokenRates>> rows) {

    /** Flex and batch cost half of standard unless a table says otherwise. */
    public static final BigDecimal HALF = new BigDecimal("0.5");
    /**
     * Priority costs twice standard unless a table says otherwise: Google announced a premium of
     * 75 to 100 %, and an estimate that errs high is the safer one for a budget.
     */
    public static final BigDecimal PRIORITY_FACTOR = new BigDecimal("2");

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private static final PriceTable GOOGLE = builder(LocalDate.of(2026, 12, 7),
            "Gemini Developer API pricing page (ai.google.dev/gemini-api/docs/pricing), paid tier, read 2026-12-07;"
                    + " see docs/pricing.md")
            .model("gemini-2.5-flash-image", TokenRates.of("0.30", "0.30", "2.50", "30.00"))
            .model("gemini-3-pro-image", TokenRates.of("2.00", "2.00", "12.00", "120.00"))
            .model("gemini-3.1-flash-image", TokenRates.of("0.50", "0.50", "3.00", "60.00"))
            .model("gemini-3.1-flash-lite-image", TokenRates.of("0.25", "0.25", "1.50", "30.00"))
            .build();

    /**
     * Checks every row prices all four tiers and copies the maps.
     *
     * @param date when the prices were read
     * @param source where the prices come from (a URL or a sentence)
     * @param rows per model prefix, the rates of each {@link PriceTier}
     */
    public PriceTable {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source: a price table names where its prices come from");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a price table needs at least one model");
        }
        Map<String, Map<PriceTier, TokenRates>> copy = new LinkedHashMap<>();
        rows.forEach((model, tiers) -> {
            for (PriceTier tier : PriceTier.values()) {
                if (!tiers.containsKey(tier)) {
                    throw new IllegalArgumentException("model " + model + ": no " + tier.key() + " rates");
                }
            }
            copy.put(model, Map.copyOf(tiers));
        });
        rows = Map.copyOf(copy);
    }

    /**
     * The table built into this library: the four Gemini image models of the capability table
     * ({@code gemini-2.5-flash-image}, {@code gemini-3-pro-image}, {@code gemini-3.1-flash-image},
     * {@code gemini-3.1-flash-lite-image}), standard, flex, priority and batch, dated 2026-12-07.
     */
    public static PriceTable google() {
        return GOOGLE;
    }

    /** A new table dated {@code date} whose numbers come from {@code source} (a URL or a sentence). */
    public static Builder builder(LocalDate date, String source) {
        return new Builder(date, source);
    }

    /** The model prefixes this table prices, sorted. */
    public List<String> models() {
        return List.copyOf(new TreeSet<>(rows.keySet()));
    }

    /** The rates for {@code modelId} at {@code tier}; empty when no row claims the model. */
    public Optional<TokenRates> rates(String modelId, PriceTier tier) {
        return row(modelId).map(row -> row.get(tier));
    }

    private Optional<Map<PriceTier, TokenRates>> row(String modelId) {
        String id = modelId.substring(modelId.lastIndexOf('/') + 1);
        return rows.keySet().stream().filter(id::startsWith).max(Comparator.comparingInt(String::length))
                .map(rows::get);
    }

    /**
     * The estimated cost of one reply. The row is {@code batch} for a batch request, else the tier
     * the reply says served it, else the tier {@code requested}, else standard. Input tokens are
     * priced by modality from {@code promptTokensDetails} (image at the image rate, everything
     * else at the text rate; all as text without details) plus {@code toolUsePromptTokenCount};
     * output from {@code candidatesTokensDetails} (image and text), thoughts at the text output
     * rate; without details the candidate tokens count as image output when the reply holds an
     * image, else as text. Cached-token discounts are not applied (the estimate errs high).
     *
     * @param modelId the model called, e.g. {@code gemini-3-pro-image-preview}
     * @param result the reply
     * @param requested the tier the request asked for
     * @param batch whether the reply is one request of a batch job
     * @return the estimate; empty when the table has no row for the model
     */
    public Optional<CostEstimate> estimate(String modelId, GenerationResult result, Optional<ServiceTier> requested,
            boolean batch) {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(requested, "requested");
        PriceTier tier = batch ? PriceTier.BATCH
                : PriceTier.of(result.servedTier().tier().or(() -> requested).orElse(ServiceTier.STANDARD));
        Optional<TokenRates> rates = rates(modelId, tier);
        if (rates.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CostEstimate(cost(result.usage(), !result.images().isEmpty(), rates.get()), date));
    }

    /**
     * The estimated cost of a batch job's results at batch rates, summed: the successful results
     * of {@code results} (failed requests are not billed); empty when the table has no row for the
     * model or nothing succeeded.
     *
     * @param modelId the job's model, e.g. {@code models/gemini-2.5-flash-image}
     */
    public Optional<CostEstimate> estimateBatch(String modelId, Collection<BatchResult> results) {
        List<CostEstimate> each = new ArrayList<>();
        for (BatchResult r : results) {
            r.result().flatMap(result -> estimate(modelId, result, Optional.empty(), true)).ifPresent(each::add);
        }
        return CostEstimate.sum(each);
    }

    /** The cost of {@code usage} at {@code rates} (see {@link #estimate}). */
    static BigDecimal cost(Usage usage, boolean hasImage, TokenRates rates) {
        long imageIn = tokens(usage.promptDetails(), Modality.IMAGE);
        long textIn = Math.max(0, usage.promptTokens() - imageIn) + usage.toolUsePromptTokens();
        long imageOut;
        long textOut;
        if (usage.candidatesDetails().isEmpty()) {
            imageOut = hasImage ? usage.candidatesTokens() : 0;
            textOut = hasImage ? 0 : usage.candidatesTokens();
        } else {
            imageOut = tokens(usage.candidatesDetails(), Modality.IMAGE);
            textOut = Math.max(0, usage.candidatesTokens() - imageOut);
        }
        textOut += usage.thoughtsTokens();
        BigDecimal total = rates.textInput().multiply(BigDecimal.valueOf(textIn))
                .add(rates.imageInput().multiply(BigDecimal.valueOf(imageIn)))
                .add(rates.textOutput().multiply(BigDecimal.valueOf(textOut)))
                .add(rates.imageOutput().multiply(BigDecimal.valueOf(imageOut)));
        return total.divide(MILLION).stripTrailingZeros();
    }

    private static long tokens(List<ModalityTokens> details, Modality modality) {
        return details.stream().filter(d -> d.modality().equals(modality)).mapToLong(ModalityTokens::tokens).sum();
    }

    /**
     * Reads a table from the text of a price file (Java properties syntax, documented in README,
     * "Cost"):
     * <pre>
     * date = 2026-12-07
     * source = https://ai.google.dev/gemini-api/docs/pricing
     * # model prefix . tier = text input, image input, text/thought output, image output (USD per 1M tokens)
     * gemini-3-pro-image.standard = 2.00 2.00 12.00 120.00
     * gemini-3-pro-image.batch = 1.00 1.00 6.00 60.00
     * </pre>
     * Tiers are {@code standard} (required per model), {@code flex}, {@code priority} and
     * {@code batch}; a missing one is derived from standard as {@link Builder#model(String, TokenRates)} does.
     *
     * @throws IllegalArgumentException naming the key, the value and what was expected
     */
    public static PriceTable parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("price table: not a properties text: " + e.getMessage(), e);
        }
        String dateText = required(properties, "date");
        LocalDate date;
        try {
            date = LocalDate.parse(dateText.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("price table: date = " + dateText + " is not a date like 2026-12-07", e);
        }
        Builder builder = builder(date, required(properties, "source").trim());
        Map<String, Map<PriceTier, TokenRates>> rows = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.equals("date") || key.equals("source")) {
                continue;
            }
            int dot = key.lastIndexOf('.');
            PriceTier tier = dot < 1 ? null : tierOf(key.substring(dot + 1));
            if (tier == null) {
                throw new IllegalArgumentException("price table: key " + key
                        + " is not date, source or MODEL.TIER with TIER one of standard, flex, priority, batch");
            }
            rows.computeIfAbsent(key.substring(0, dot), m -> new EnumMap<>(PriceTier.class))
                    .put(tier, rates(key, properties.getProperty(key)));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("price table: no MODEL.TIER line; at least one model is needed");
        }
        rows.forEach((model, tiers) -> {
            TokenRates standard = tiers.get(PriceTier.STANDARD);
            if (standard == null) {
                throw new IllegalArgumentException("price table: " + model + ".standard is missing; every model needs it");
            }
            builder.model(model, standard);
            tiers.forEach((tier, rates) -> builder.model(model, tier, rates));
        });
        return builder.build();
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("price table: " + key + " is missing");
        }
        return value;
    }

    private static PriceTier tierOf(String text) {
        for (PriceTier tier : PriceTier.values()) {
            if (tier.key().equals(text)) {
                return tier;
            }
        }
        return null;
    }

    private static TokenRates rates(String key, String value) {
        String[] numbers = value.trim().split("[\\s,]+");
        if (numbers.length != 4) {
            throw new IllegalArgumentException("price table: " + key + " = " + value
                    + " needs 4 numbers (text input, image input, text/thought output, image output, USD per 1M tokens)");
        }
        try {
            return TokenRates.of(numbers[0], numbers[1], numbers[2], numbers[3]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("price table: " + key + " = " + value + " has a value that is not a number", e);
        }
    }

    @Override
    public String toString() {
        return "PriceTable[" + date + ", " + models() + "]";
    }

    /** Builds a {@link PriceTable}. Not thread-safe. */
    public static final class Builder {
        private final LocalDate date;
        private final String source;
        private final Map<String, Map<PriceTier, TokenRates>> models = new LinkedHashMap<>();

        private Builder(LocalDate date, String source) {
            this.date = Objects.requireNonNull(date, "date");
            this.source = Objects.requireNonNull(source, "source");
        }

        /**
         * Prices a model prefix at {@code standard}, with flex and batch at half of it and priority
         * at {@link #PRIORITY_FACTOR} times it; replaces any earlier row of the prefix.
         */
        public Builder model(String modelPrefix, TokenRates standard) {
            Map<PriceTier, TokenRates> row = new EnumMap<>(PriceTier.class);
            row.put(PriceTier.STANDARD, standard);
            row.put(PriceTier.FLEX, standard.times(HALF));
            row.put(PriceTier.BATCH, standard.times(HALF));
            row.put(PriceTier.PRIORITY, standard.times(PRIORITY_FACTOR));
            models.put(checked(modelPrefix), row);
            return this;
        }

        /** Sets one tier of a model prefix already priced with {@link #model(String, TokenRates)}. */
        public Builder model(String modelPrefix, PriceTier tier, TokenRates rates) {
            Map<PriceTier, TokenRates> row = models.get(checked(modelPrefix));
            if (row == null) {
                throw new IllegalArgumentException("model " + modelPrefix + ": give its standard rates first");
            }
            row.put(Objects.requireNonNull(tier, "tier"), Objects.requireNonNull(rates, "rates"));
            return this;
        }

        private static String checked(String modelPrefix) {
            Objects.requireNonNull(modelPrefix, "modelPrefix");
            if (modelPrefix.isBlank() || modelPrefix.contains("/")) {
                throw new IllegalArgumentException("modelPrefix: \"" + modelPrefix + "\" is not a model id like gemini-3-pro-image");
            }
            return modelPrefix;
        }

        /** The table. */
        public PriceTable build() {
            return new PriceTable(date, source, models);
        }
    }
}
