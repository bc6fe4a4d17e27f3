package io.github.geminiimage.cli;

import static io.github.geminiimage.domain.TestImages.png;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --service-tier, --price-table, and the served tier and cost in the summary and in --json. */
@Timeout(60)
class ServiceTierCliTest {

    private static final String KEY = "AIzaTierTestKey0000000000000000000000000";

    @TempDir
    Path dir;

    private LoopbackGemini server;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackGemini();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** The image reply of {@link LoopbackGemini#replyWithImage}, served as {@code tier} says. */
    private void replyServedAs(String tier, String trafficType) {
        String png = Base64.getEncoder().encodeToString(png(8, 8));
        server.reply(200, Map.of("Content-Type", "application/json", "x-gemini-service-tier", tier),
                "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Here you are.\"},"
                        + "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + png + "\"}}]},\"finishReason\":\"STOP\","
                        + "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,\"candidatesTokenCount\":1294,"
                        + "\"totalTokenCount\":1306,\"candidatesTokensDetails\":[{\"modality\":\"IMAGE\",\"tokenCount\":1290}],"
                        + "\"trafficType\":\"" + trafficType + "\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "httpclient5"})
    void aPriorityCallServedAsStandardReportsStandardAndIsPricedAsStandard(String transport) {
        replyServedAs("standard", "ON_DEMAND");

        CliRunner.Result run = new CliRunner().withKey(KEY).run("generate", "--transport", transport, "--base-url",
                server.baseUrl(), "--service-tier", "priority", "-p", "A kite", "-o", dir.resolve("kite.png").toString(),
                "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.received().get(0).body()).endsWith(",\"serviceTier\":\"priority\"}");
        JsonObject result = parse(run.out()).getJsonArray("results").getJsonObject(0);
        assertThat(result.getString("serviceTier")).isEqualTo("standard");
        // 2.5 Flash Image standard, USD per 1M tokens: 12 text in * 0.30 + 4 text out * 2.50 + 1290 image out * 30
        // = 3.6 + 10 + 38700 = 38713.6 -> $0.0387136
        JsonObject cost = result.getJsonObject("cost");
        assertThat(cost.getJsonNumber("usd").bigDecimalValue()).isEqualByComparingTo(new BigDecimal("0.0387136"));
        assertThat(cost.getString("priceTable")).isEqualTo("2026-12-07");
    }

    @Test
    void theSummaryLineShowsTheServedTierAndTheEstimate() {
        replyServedAs("flex", "ON_DEMAND_FLEX");

        CliRunner.Result run = new CliRunner().withKey(KEY).run("generate", "--transport", "jdk", "--base-url",
                server.baseUrl(), "--service-tier", "flex", "-p", "A kite", "-o", dir.resolve("kite.png").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // Flex is half of 0.0387136.
        assertThat(run.out()).contains("tokens: prompt 12, output 1294, total 1306; served tier: flex; "
                + "estimated cost: $0.0194 (prices of 2026-12-07)");
    }

    @Test
    void aPriceTableFileReplacesTheBuiltInPrices() throws Exception {
        replyServedAs("standard", "ON_DEMAND");
        Path prices = dir.resolve("prices.properties");
        Files.writeString(prices, "date = 2027-02-01\nsource = our contract\n"
                + "gemini-2.5-flash-image.standard = 0 0 0 1000\n");

        CliRunner.Result run = new CliRunner().withKey(KEY).run("generate", "--transport", "jdk", "--base-url",
                server.baseUrl(), "--price-table", prices.toString(), "-p", "A kite", "-o", dir.resolve("k.png").toString(),
                "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject cost = parse(run.out()).getJsonArray("results").getJsonObject(0).getJsonObject("cost");
        // 1290 image tokens at $1000 per million.
        assertThat(cost.getJsonNumber("usd").bigDecimalValue()).isEqualByComparingTo("1.29");
        assertThat(cost.getString("priceTable")).isEqualTo("2027-02-01");
    }

    @Test
    void theFakeReportsTheTierAskedForAndAnEstimate() {
        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "--service-tier", "flex",
                "-m", "gemini-3-pro-image", "-p", "A cat", "-o", dir.resolve("cat.jpg").toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject result = parse(run.out()).getJsonArray("results").getJsonObject(0);
        assertThat(result.getString("serviceTier")).isEqualTo("flex");
        assertThat(result.getJsonObject("cost").getJsonNumber("usd").bigDecimalValue()).isPositive();
    }

    @Test
    void withoutATierTheReplyNamesNoneAndTheJsonSaysNull() {
        CliRunner.Result run = new CliRunner().run("generate", "--transport", "fake", "-p", "A cat", "-o",
                dir.resolve("cat.png").toString(), "--json");

        JsonObject result = parse(run.out()).getJsonArray("results").getJsonObject(0);
        assertThat(result.isNull("serviceTier")).isTrue();
        assertThat(result.getJsonObject("cost").getString("priceTable")).isEqualTo("2026-12-07");
    }

    @Test
    void aBadTierOrPriceFileIsAUsageErrorNamingIt() throws Exception {
        CliRunner.Result tier = new CliRunner().run("generate", "--transport", "fake", "--service-tier", "cheap", "-p", "x",
                "-o", dir.resolve("x.png").toString());
        assertThat(tier.exitCode()).isEqualTo(2);
        assertThat(tier.err()).contains("--service-tier").contains("cheap");

        Path prices = dir.resolve("bad.properties");
        Files.writeString(prices, "date = 2027-02-01\nsource = s\ngemini-2.5-flash-image.standard = 1 2\n");
        CliRunner.Result file = new CliRunner().run("generate", "--transport", "fake", "--price-table", prices.toString(),
                "-p", "x", "-o", dir.resolve("y.png").toString());
        assertThat(file.exitCode()).isEqualTo(2);
        assertThat(file.err()).contains("--price-table").contains("gemini-2.5-flash-image.standard = 1 2");
    }
}
