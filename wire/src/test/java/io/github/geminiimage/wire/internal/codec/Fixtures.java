package io.github.geminiimage.wire.internal.codec;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

/** Test helpers: JSON trees (JSON-P), the recorded test vectors, test images and odd streams. */
final class Fixtures {

    private Fixtures() {
    }

    static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    static JsonValue json(byte[] utf8) {
        return json(new String(utf8, StandardCharsets.UTF_8));
    }

    static JsonObject vector(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/test-vectors/" + name)) {
            return Json.createReader(in).readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The response body of exchange {@code index} of a vector, as compact JSON. */
    static String replyBody(String vector, int index) {
        return vector(vector).getJsonArray("exchanges").getJsonObject(index).getJsonObject("response")
                .getJsonObject("body").toString();
    }

    static JsonObject requestBody(String vector, int index) {
        return vector(vector).getJsonArray("exchanges").getJsonObject(index).getJsonObject("request")
                .getJsonObject("body");
    }

    static String pretty(JsonValue value) {
        StringWriter out = new StringWriter();
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out).write(value);
        return out.toString();
    }

    /** The same JSON with every field name in snake_case ({@code inlineData} becomes {@code inline_data}). */
    static JsonValue snakeCase(JsonValue value) {
        if (value instanceof JsonObject object) {
            JsonObjectBuilder b = Json.createObjectBuilder();
            object.forEach((k, v) -> b.add(snake(k), snakeCase(v)));
            return b.build();
        }
        if (value instanceof JsonArray array) {
            JsonArrayBuilder b = Json.createArrayBuilder();
            array.forEach(v -> b.add(snakeCase(v)));
            return b.build();
        }
        return value;
    }

    private static String snake(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code size} bytes (at least 3) that sniff as JPEG: the magic number, then random bytes. */
    static byte[] jpeg(int size, long seed) {
        byte[] bytes = random(size, seed);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        return bytes;
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytesOf(ThrowingWriter writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTo(out);
        return out.toByteArray();
    }

    /** Bytes allocated by this thread so far (HotSpot's per-thread counter). */
    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    interface ThrowingWriter {
        void writeTo(ByteArrayOutputStream out) throws IOException;
    }

}
