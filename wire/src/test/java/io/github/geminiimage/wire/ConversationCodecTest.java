package io.github.geminiimage.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.Conversation;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.ImageModel;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.wire.internal.codec.ReplyDecoder;
import io.github.geminiimage.wire.internal.codec.RequestEncoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationCodecTest {

    private static final String JPEG_1X1 = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4R"
            + "DgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU"
            + "FBQUFBT/wAARCAABAAEDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQR"
            + "BRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqD"
            + "hIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEB"
            + "AQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl"
            + "8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6"
            + "wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDy+iiiv6gPyQ//2Q==";

    @TempDir
    Path dir;

    private static byte[] written(Conversation conversation) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConversationCodec.write(conversation, out);
        return out.toByteArray();
    }

    private static Conversation read(byte[] document) throws IOException {
        return ConversationCodec.read(new ByteArrayInputStream(document));
    }

    private static byte[] jpeg(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        return bytes;
    }

    private Conversation sample() throws IOException {
        Path file = dir.resolve("photo.jpg");
        Files.write(file, jpeg(70_001, 1));
        String signature = Base64.getEncoder().encodeToString(jpeg(300_000, 2));
        GeneratedImage modelImage = GeneratedImage.of("image/jpeg", Base64.getDecoder().decode(JPEG_1X1));
        return new Conversation(List.of(
                new Turn.User(Optional.of("Make it \"blue\" — très bleu 😀\n"),
                        List.of(ImageInput.ofFile(file), ImageInput.ofBytes(jpeg(10, 3)))),
                new Turn.Model(List.of(
                        new Part.Text("thinking", true, Optional.empty()),
                        new Part.Image(modelImage, true, Optional.empty()),
                        new Part.Text("Here it is", false, Optional.of("c2lnQQ==")),
                        new Part.Image(modelImage, false, Optional.of(signature)),
                        new Part.Other("{\"functionCall\":{\"name\":\"f\",\"args\":{\"a_b\":1.50}},\"thoughtSignature\":\"c2lnQw==\"}",
                                false, Optional.of("c2lnQw==")))),
                new Turn.User(Optional.empty(), List.of(ImageInput.ofBytes(jpeg(4, 4)))),
                new Turn.Model(List.of()),
                new Turn.User(Optional.of("only text"), List.of())));
    }

    @Test
    void aConversationReadBackIsTheSameConversation() throws IOException {
        Conversation original = sample();

        Conversation copy = read(written(original));

        assertThat(copy.turns()).hasSameSizeAs(original.turns());
        for (int t = 0; t < original.turns().size(); t++) {
            Turn before = original.turns().get(t);
            Turn after = copy.turns().get(t);
            if (before instanceof Turn.User user) {
                assertThat(after).isInstanceOfSatisfying(Turn.User.class, u -> {
                    assertThat(u.text()).isEqualTo(user.text());
                    assertThat(u.images()).hasSameSizeAs(user.images());
                    for (int i = 0; i < user.images().size(); i++) {
                        try {
                            assertThat(u.images().get(i).readAllBytes()).isEqualTo(user.images().get(i).readAllBytes());
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                        assertThat(u.images().get(i).mediaType()).isEqualTo(MediaType.JPEG);
                        assertThat(u.images().get(i).file()).isEmpty();
                    }
                });
            } else {
                assertThat(after).isEqualTo(before);
            }
        }
    }

    @Test
    void writingWhatWasReadGivesTheSameBytes() throws IOException {
        byte[] first = written(sample());

        assertThat(written(read(first))).isEqualTo(first);
    }

    @Test
    void aConversationReadBackReplaysToTheSameRequestBody() throws IOException {
        Conversation original = sample();
        Conversation copy = read(written(original));

        GenerationRequest.Builder next = GenerationRequest.builder().model(ImageModel.GEMINI_3_PRO_IMAGE).prompt("Now green");
        byte[] before = body(original.request(next));
        byte[] after = body(copy.request(next));

        assertThat(after).isEqualTo(before);
    }

    @Test
    void aModelTurnDecodedFromAReplySurvivesTheFile() throws IOException {
        String reply = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"ok\",\"thought_signature\":\"QUFB\"},"
                + "{\"inlineData\":{\"mimeType\":\"image/jpeg\",\"data\":\"" + JPEG_1X1.replace("/", "\\/") + "\"},"
                + "\"thoughtSignature\":\"QkJC\"}]},\"finishReason\":\"STOP\"}]}";
        GenerationRequest first = Conversation.empty().request(GenerationRequest.builder().prompt("A cat"));
        GenerationResult result = ReplyDecoder.decode(new ByteArrayInputStream(reply.getBytes(StandardCharsets.UTF_8)),
                OptionalLong.empty(), 1 << 20);
        Conversation chat = Conversation.empty().then(first, result);

        Conversation copy = read(written(chat));

        assertThat(copy.turns().get(1)).isEqualTo(result.modelTurn().get());
    }

    @Test
    void anEmptyConversationIsAnEmptyList() throws IOException {
        assertThat(new String(written(Conversation.empty()), StandardCharsets.UTF_8)).isEqualTo("{\"contents\":[]}");
        assertThat(read("{\"contents\":[]}".getBytes(StandardCharsets.UTF_8)).turns()).isEmpty();
        assertThat(read("{}".getBytes(StandardCharsets.UTF_8)).turns()).isEmpty();
    }

    @Test
    void aHandWrittenDocumentInSnakeCaseWithoutRolesIsRead() throws IOException {
        String document = "{ \"contents\" : [ { \"parts\" : [ { \"text\" : \"hi\" } , { \"inline_data\" : { \"mime_type\" :"
                + " \"image/jpeg\" , \"data\" : \"" + JPEG_1X1 + "\" } } ] } ] }";

        Conversation conversation = read(document.getBytes(StandardCharsets.UTF_8));

        assertThat(conversation.turns()).singleElement().isInstanceOfSatisfying(Turn.User.class, u -> {
            assertThat(u.text()).contains("hi");
            assertThat(u.images()).singleElement().satisfies(i -> assertThat(i.mediaType()).isEqualTo(MediaType.JPEG));
        });
    }

    @Test
    void aMalformedDocumentIsAnIOExceptionThatSaysWhere() {
        assertThatThrownBy(() -> read("{\"contents\":[{\"role\":\"model\",\"parts\":[{\"inlineData\":{\"data\":\"*\"}}]}]}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("malformed conversation document: content 0, part 0: invalid base64");
        assertThatThrownBy(() -> read("{\"contents\":[".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("ends early");
        assertThatThrownBy(() -> read("{\"contents\":[{\"role\":\"system\"}]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("content 0 has the role \"system\"");
        assertThatThrownBy(() -> read("{\"contents\":[{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AAAA\"}}]}]}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("content 0, part 0: ")
                .hasMessageContaining("not a PNG, JPEG, WebP, HEIC or HEIF image");
        assertThatThrownBy(() -> read(("{\"contents\":[{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/jpeg\",\"data\":\""
                + JPEG_1X1 + "\"}},{\"text\":\"late\"}]}]}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("content 0, part 1: a user turn has one text, before its images");
        assertThatThrownBy(() -> read("{\"contents\":[{\"parts\":[{\"functionCall\":{}}]}]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("a user turn holds only a text and images");
    }

    @Test
    void aFileThatChangedSinceItWasCheckedIsNotWritten() throws IOException {
        Path file = dir.resolve("changes.jpg");
        Files.write(file, jpeg(100, 5));
        Conversation conversation = new Conversation(List.of(new Turn.User(Optional.empty(), List.of(ImageInput.ofFile(file)))));
        Files.write(file, jpeg(50, 5));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThatThrownBy(() -> ConversationCodec.write(conversation, out)).isInstanceOf(IOException.class)
                .hasMessageContaining("changed size");
        assertThat(out.size()).isZero();
    }

    @Test
    void readingDoesNotCloseTheStream() throws IOException {
        boolean[] closed = {false};
        InputStream in = new ByteArrayInputStream("{\"contents\":[]}".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ConversationCodec.read(in);

        assertThat(closed[0]).isFalse();
    }

    private static byte[] body(GenerationRequest request) throws IOException {
        JsonBody body = RequestEncoder.encode(request);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toByteArray();
    }
}
