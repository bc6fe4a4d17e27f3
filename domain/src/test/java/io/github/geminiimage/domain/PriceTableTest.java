package io.github.geminiimage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.batch.BatchResult;
import io.github.geminiimage.domain.error.InvalidRequestException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PriceTableTest {

    private static final GeneratedImage IMAGE = GeneratedImage.of("image/jpeg", TestImages.jpeg(2, 2));

    /** 10 text + 560 image tokens in, 20 text + 1120 image tokens out, 200 thought tokens. */
    private static GenerationResult proReply(ServedTier served) {
        Usage usage = new Usage(570, 1140, 1910, 200, 0, 0,
                List.of(new ModalityTokens(Modality.TEXT, 10), new ModalityTokens(Modality.IMAGE, 560)),
                List.of(new ModalityTokens(Modality.TEXT, 20), new ModalityTokens(Modality.IMAGE, 1120)), List.of(), List.of());
        return new GenerationResult(List.of(new Candidate(0, List.of(new Part.Image(IMAGE, false, Optional.empty())),
                Optional.of(FinishReason.STOP), Optional.empty(), List.of())), Optional.empty(), usage, Optional.empty(),
                Optional.empty(), served, Optional.empty());
    }

    @Test
    void pricesEachModalityAtItsOwnRateByHand() {
        // gemini-3-pro-image standard, USD per 1M: text in 2, image in 2, text/thought out 12, image out 120.
        // 10*2 + 560*2 + (20+200)*12 + 1120*120 = 20 + 1120 + 2640 + 134400 = 138180 -> $0.13818
        CostEstimate cost = PriceTable.google().estimate("gemini-3-pro-image-preview", proReply(ServedTier.NONE),
                Optional.empty(), false).orElseThrow();

        assertThat(cost.usd()).isEqualByComparingTo("0.13818");
        assertThat(cost.priceTable()).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(cost.usdText(4)).isEqualTo("0.1382");
    }

    @Test
    void batchAndTheServedFlexTierCostHalfAndPriorityTwice() {
        PriceTable table = PriceTable.google();
        assertThat(table.estimate("gemini-3-pro-image", proReply(ServedTier.NONE), Optional.empty(), true).orElseThrow()
                .usd()).isEqualByComparingTo("0.06909");
        assertThat(table.estimate("gemini-3-pro-image", proReply(ServedTier.of(ServiceTier.FLEX)), Optional.empty(), false)
                .orElseThrow().usd()).isEqualByComparingTo("0.06909");
        assertThat(table.estimate("gemini-3-pro-image", proReply(ServedTier.NONE), Optional.of(ServiceTier.PRIORITY), false)
                .orElseThrow().usd()).isEqualByComparingTo("0.27636");
    }

    @Test
    void theServedTierWinsOverTheRequestedOne() {
        // Asked for priority, served as standard: billed as standard.
        GenerationResult fellBack = proReply(new ServedTier(Optional.of("standard"), Optional.of("ON_DEMAND")));
        assertThat(PriceTable.google().estimate("gemini-3-pro-image", fellBack, Optional.of(ServiceTier.PRIORITY), false)
                .orElseThrow().usd()).isEqualByComparingTo("0.13818");
    }

    @Test
    void coversEveryModelOfTheCapabilityTableAndTheLiteModel() {
        PriceTable table = PriceTable.google();
        for (ModelFamily family : ModelFamily.values()) {
            if (family != ModelFamily.UNKNOWN) {
                ImageModel model = ImageModel.of(family.name().toLowerCase().replace('_', '-').replace("2-5", "2.5")
                        .replace("3-1", "3.1"));
                for (PriceTier tier : PriceTier.values()) {
                    assertThat(table.rates(model.id(), tier)).as(model.id() + " " + tier).isPresent();
                }
            }
        }
        assertThat(table.models()).containsExactly("gemini-2.5-flash-image", "gemini-3-pro-image",
                "gemini-3.1-flash-image", "gemini-3.1-flash-lite-image");
        assertThat(table.rates("gemini-3.1-flash-lite-image", PriceTier.STANDARD).orElseThrow().imageOutput())
                .isEqualByComparingTo("30");
        assertThat(table.rates("models/gemini-3.1-flash-image-preview", PriceTier.STANDARD).orElseThrow().imageOutput())
                .isEqualByComparingTo("60");
    }

    @Test
    void anUnknownModelGetsNoEstimate() {
        assertThat(PriceTable.google().estimate("imagen-9", proReply(ServedTier.NONE), Optional.empty(), false)).isEmpty();
    }

    @Test
    void withoutDetailsTheCandidateTokensOfAnImageReplyArePricedAsImage() {
        GenerationResult r = new GenerationResult(proReply(ServedTier.NONE).candidates(), Optional.empty(),
                Usage.of(10, 1290, 1300), Optional.empty(), Optional.empty());
        // 2.5 Flash Image: 10 * 0.30 + 1290 * 30 = 3 + 38700 = 38703 -> $0.038703
        assertThat(PriceTable.google().estimate("gemini-2.5-flash-image", r, Optional.empty(), false).orElseThrow().usd())
                .isEqualByComparingTo("0.038703");
    }

    @Test
    void aParsedFileReplacesTheTableAndDerivesMissingTiers() {
        PriceTable table = PriceTable.parse("""
                # our negotiated prices
                date = 2027-01-15
                source = contract 42
                gemini-3-pro-image.standard = 1 1 10 100
                gemini-3-pro-image.batch = 0.25, 0.25, 2.5, 25
                """);

        assertThat(table.date()).isEqualTo(LocalDate.of(2027, 1, 15));
        assertThat(table.source()).isEqualTo("contract 42");
        assertThat(table.rates("gemini-3-pro-image", PriceTier.BATCH).orElseThrow().imageOutput()).isEqualByComparingTo("25");
        assertThat(table.rates("gemini-3-pro-image", PriceTier.FLEX).orElseThrow().imageOutput()).isEqualByComparingTo("50");
        assertThat(table.rates("gemini-3-pro-image", PriceTier.PRIORITY).orElseThrow().textInput()).isEqualByComparingTo("2");
        assertThat(table.estimate("gemini-3-pro-image", proReply(ServedTier.NONE), Optional.empty(), false).orElseThrow()
                .priceTable()).isEqualTo(LocalDate.of(2027, 1, 15));
    }

    @Test
    void aBadFileIsRefusedNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> PriceTable.parse("date = 2027-01-15\nsource = x\ngemini-3-pro-image.standard = 1 2 3\n"))
                .hasMessageContaining("gemini-3-pro-image.standard = 1 2 3").hasMessageContaining("4 numbers");
        assertThatThrownBy(() -> PriceTable.parse("date = soon\nsource = x\nm.standard = 1 2 3 4\n"))
                .hasMessageContaining("date = soon");
        assertThatThrownBy(() -> PriceTable.parse("date = 2027-01-15\nsource = x\nm.cheap = 1 2 3 4\n"))
                .hasMessageContaining("m.cheap");
        assertThatThrownBy(() -> PriceTable.parse("date = 2027-01-15\nsource = x\nm.flex = 1 2 3 4\n"))
                .hasMessageContaining("m.standard is missing");
        assertThatThrownBy(() -> PriceTable.parse("date = 2027-01-15\nm.standard = 1 2 3 4\n"))
                .hasMessageContaining("source is missing");
    }

    @Test
    void aBatchIsPricedAtBatchRatesAndSummedOverItsSuccessfulResults() {
        GenerationResult one = proReply(ServedTier.NONE);
        List<BatchResult> results = List.of(BatchResult.success("a", one), BatchResult.success("b", one),
                BatchResult.failure("c", new InvalidRequestException("prompt", "x", "y")));
        // Two results at half of 0.13818 each.
        assertThat(PriceTable.google().estimateBatch("models/gemini-3-pro-image", results).orElseThrow().usd())
                .isEqualByComparingTo("0.13818");
        assertThat(PriceTable.google().estimateBatch("imagen-9", results)).isEmpty();
    }

    @Test
    void estimatesAddUpOverABatch() {
        LocalDate d = LocalDate.of(2026, 12, 7);
        assertThat(CostEstimate.sum(List.of(new CostEstimate(new BigDecimal("0.0195"), d),
                new CostEstimate(new BigDecimal("0.067"), d))).orElseThrow().usd()).isEqualByComparingTo("0.0865");
        assertThat(CostEstimate.sum(List.of())).isEmpty();
    }
}
