package io.github.geminiimage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.domain.Conversation;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.wire.ConversationCodec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --session keeps a multi-turn edit, thought signatures included, across runs. */
class SessionTest {

    @TempDir
    Path dir;

    private final List<FakeImageGeneration> fakes = new ArrayList<>();
    private final CliRunner cli = new CliRunner().portFactory(settings -> {
        FakeImageGeneration fake = FakeImageGeneration.create();
        fakes.add(fake);
        return fake;
    });

    @Test
    void aSecondEditContinuesTheConversationWithItsSignaturesAndImage() throws Exception {
        Path cat = TestImages.write(dir.resolve("cat.png"), 320, 240);
        Path session = dir.resolve("cat.session.json");

        CliRunner.Result first = cli.run("edit", "--transport", "fake", "-m", "gemini-3-pro-image", "--session", session.toString(),
                "--image", cat.toString(), "--prompt", "Add a wizard hat", "--out", dir.resolve("hat.jpg").toString());
        Conversation afterFirst = read(session);
        CliRunner.Result second = cli.run("edit", "--transport", "fake", "-m", "gemini-3-pro-image", "--session", session.toString(),
                "--prompt", "now make it watercolour", "--out", dir.resolve("watercolour.jpg").toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(afterFirst.turns()).hasSize(2);
        List<Optional<String>> signatures = signatures(afterFirst.turns().get(1));
        assertThat(signatures).isNotEmpty().allSatisfy(s -> assertThat(s).isPresent());

        fakes.get(1).assertLastRequest().hasPrompt("now make it watercolour").hasImageCount(0).hasHistoryTurns(2);
        List<Turn> replayed = fakes.get(1).lastRequest().orElseThrow().history();
        assertThat(((Turn.User) replayed.get(0)).text()).contains("Add a wizard hat");
        assertThat(signatures(replayed.get(1))).isEqualTo(signatures);
        assertThat(TestImages.size(dir.resolve("watercolour.jpg"))).containsExactly(1200, 896);
        assertThat(read(session).turns()).hasSize(4);
        assertThat(second.out()).contains("session: " + session + " (4 turns)");
    }

    @Test
    void generateCanStartASessionThatEditContinues() throws Exception {
        Path session = dir.resolve("s.json");

        cli.run("generate", "--transport", "fake", "-p", "A castle", "-a", "21:9", "--session", session.toString(),
                "-o", dir.resolve("castle.png").toString());
        CliRunner.Result edit = cli.run("edit", "--transport", "fake", "-p", "Add a dragon", "--session", session.toString(),
                "-o", dir.resolve("dragon.png").toString(), "--json");

        assertThat(edit.exitCode()).as(edit.err()).isZero();
        assertThat(TestImages.size(dir.resolve("dragon.png"))).containsExactly(1536, 672);
        assertThat(edit.out()).contains("\"turns\": 4");
    }

    @Test
    void aBlockedTurnLeavesTheSessionAsItWas() throws Exception {
        Path session = dir.resolve("s.json");
        cli.run("generate", "--transport", "fake", "-p", "A castle", "--session", session.toString(),
                "-o", dir.resolve("castle.png").toString());
        byte[] before = Files.readAllBytes(session);

        CliRunner.Result blocked = new CliRunner().run("edit", "--transport", "fake", "--fake-outcome", "prompt-blocked",
                "-p", "Something else", "--session", session.toString(), "-o", dir.resolve("x.png").toString());

        assertThat(blocked.exitCode()).isEqualTo(13);
        assertThat(Files.readAllBytes(session)).isEqualTo(before);
    }

    @Test
    void anUnreadableSessionFileIsAFileProblem() throws Exception {
        Path session = Files.writeString(dir.resolve("broken.json"), "{\"contents\": [ not json");

        CliRunner.Result run = cli.run("edit", "--transport", "fake", "-p", "x", "--session", session.toString(),
                "-o", dir.resolve("x.png").toString());

        assertThat(run.exitCode()).isEqualTo(17);
        assertThat(run.err().lines()).singleElement().asString().contains("session file").contains("cannot be read");
        assertThat(fakes).isEmpty();
    }

    @Test
    void severalImagesCannotShareOneSession() {
        CliRunner.Result run = cli.run("generate", "--transport", "fake", "-p", "x", "-n", "2",
                "--session", dir.resolve("s.json").toString(), "-o", dir.resolve("x.png").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--count above 1 cannot be combined with --session");
    }

    @Test
    void aSessionKeepsItsModelSoContinuingWithoutModelStaysOnIt() throws Exception {
        Path session = dir.resolve("pro.json");
        cli.run("generate", "--transport", "fake", "-m", "gemini-3-pro-image", "-p", "A castle", "--session", session.toString(),
                "-o", dir.resolve("castle.jpg").toString());

        CliRunner.Result again = cli.run("edit", "--transport", "fake", "-p", "Add a dragon", "--session", session.toString(),
                "-o", dir.resolve("dragon.jpg").toString());

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readString(session)).startsWith("{").contains("\"model\": \"gemini-3-pro-image\"");
        assertThat(fakes.get(1).lastRequest().orElseThrow().model().id()).isEqualTo("gemini-3-pro-image");
        assertThat(dir.resolve("dragon.jpg")).exists();
    }

    @Test
    void anotherModelForASessionIsAUsageErrorNamingBoth() throws Exception {
        Path session = dir.resolve("pro.json");
        cli.run("generate", "--transport", "fake", "-m", "gemini-3-pro-image", "-p", "A castle", "--session", session.toString(),
                "-o", dir.resolve("castle.jpg").toString());
        byte[] before = Files.readAllBytes(session);

        CliRunner.Result other = cli.run("edit", "--transport", "fake", "-m", "gemini-2.5-flash-image", "-p", "Add a dragon",
                "--session", session.toString(), "-o", dir.resolve("dragon.png").toString());

        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err().lines()).first().asString().contains("--model gemini-2.5-flash-image")
                .contains("gemini-3-pro-image").contains(session.toString());
        assertThat(fakes).hasSize(1);
        assertThat(Files.readAllBytes(session)).isEqualTo(before);
    }

    @Test
    void aSessionFileWithoutAModelStillLoadsAndKeepsTheModelItContinuesWith() throws Exception {
        Path session = dir.resolve("old.json");
        cli.run("generate", "--transport", "fake", "-p", "A castle", "--session", session.toString(),
                "-o", dir.resolve("castle.png").toString());
        Conversation turns = read(session);
        try (java.io.OutputStream out = Files.newOutputStream(session)) {
            ConversationCodec.write(turns, out);
        }
        assertThat(Files.readString(session)).startsWith("{\"contents\"");

        CliRunner.Result again = cli.run("edit", "--transport", "fake", "-p", "Add a dragon", "--session", session.toString(),
                "-o", dir.resolve("dragon.png").toString());

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(fakes.get(1).lastRequest().orElseThrow().model().id()).isEqualTo("gemini-2.5-flash-image");
        assertThat(read(session).turns()).hasSize(4);
        assertThat(Files.readString(session)).contains("\"model\": \"gemini-2.5-flash-image\"");
    }

    @Test
    void editWithAMissingSessionFileSaysTheFileIsMissing() {
        Path missing = dir.resolve("missing.json");

        CliRunner.Result run = cli.run("edit", "--transport", "fake", "-p", "x", "--session", missing.toString(),
                "-o", dir.resolve("x.png").toString());

        assertThat(run.exitCode()).isEqualTo(17);
        assertThat(run.err()).contains("the session file " + missing + " does not exist");
        assertThat(fakes).isEmpty();
    }

    private static List<Optional<String>> signatures(Turn turn) {
        return ((Turn.Model) turn).parts().stream().map(Part::thoughtSignature).toList();
    }

    private static Conversation read(Path session) throws Exception {
        try (InputStream in = Files.newInputStream(session)) {
            return ConversationCodec.read(in);
        }
    }
}
