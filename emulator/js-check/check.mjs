// Google's JavaScript SDK (@google/genai) against a running gemini-image emulator: generate on
// v1beta and v1, stream, upload/get/list/use/download/delete a file, an inline and a file batch to
// their results. Needs GEMINI_EMULATOR_URL and GEMINI_EMULATOR_KEY (run.sh sets both).
import { GoogleGenAI, createPartFromUri } from "@google/genai";
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";

const baseUrl = process.env.GEMINI_EMULATOR_URL;
const apiKey = process.env.GEMINI_EMULATOR_KEY ?? "js-key";
assert.ok(baseUrl, "set GEMINI_EMULATOR_URL, e.g. http://127.0.0.1:8089");
const model = "gemini-2.5-flash-image";
const imageConfig = { responseModalities: ["TEXT", "IMAGE"], imageConfig: { aspectRatio: "16:9" } };
// A 1x1 PNG.
const tinyPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC", "base64");

const client = (apiVersion) => new GoogleGenAI({ apiKey, apiVersion, httpOptions: { baseUrl } });
const pngSize = (bytes) => [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
const lastImage = (response) => {
  const parts = response.candidates?.[0]?.content?.parts ?? [];
  const images = parts.filter((p) => p.inlineData && !p.thought);
  assert.ok(images.length > 0, "no image in " + JSON.stringify(response).slice(0, 300));
  return images[images.length - 1].inlineData;
};
const step = async (name, fn) => {
  const started = Date.now();
  await fn();
  console.log(`ok  ${name} (${Date.now() - started} ms)`);
};
const waitSucceeded = async (ai, name) => {
  for (let i = 0; i < 200; i++) {
    const job = await ai.batches.get({ name });
    if (job.state === "JOB_STATE_SUCCEEDED") return job;
    assert.ok(!["JOB_STATE_FAILED", "JOB_STATE_CANCELLED", "JOB_STATE_EXPIRED"].includes(job.state), job.state);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(name + " did not succeed in time");
};

const dir = await mkdtemp(join(tmpdir(), "emulator-js-"));
try {
  for (const version of ["v1beta", "v1"]) {
    await step(`generate an image on ${version}`, async () => {
      const response = await client(version).models.generateContent({ model, contents: "A red apple", config: imageConfig });
      const image = lastImage(response);
      assert.equal(image.mimeType, "image/png");
      assert.deepEqual(pngSize(Buffer.from(image.data, "base64")), [1344, 768]);
      assert.equal(response.candidates[0].finishReason, "STOP");
      assert.ok(response.usageMetadata.totalTokenCount > 0);
    });
  }

  const ai = client("v1beta");
  await step("stream", async () => {
    const chunks = [];
    for await (const chunk of await ai.models.generateContentStream({ model, contents: "A lighthouse", config: imageConfig })) {
      chunks.push(chunk);
    }
    assert.ok(chunks.length > 1);
    assert.ok(chunks.some((c) => c.candidates?.[0]?.content?.parts?.some((p) => p.inlineData)));
    assert.equal(chunks[chunks.length - 1].candidates[0].finishReason, "STOP");
  });

  await step("upload, get, list, use, download and delete a file", async () => {
    const file = await ai.files.upload({ file: new Blob([tinyPng], { type: "image/png" }),
      config: { mimeType: "image/png", displayName: "tiny" } });
    assert.equal(file.state, "ACTIVE");
    assert.equal(Number(file.sizeBytes), tinyPng.length);
    assert.equal((await ai.files.get({ name: file.name })).displayName, "tiny");
    const names = [];
    for await (const f of await ai.files.list({ config: { pageSize: 1 } })) names.push(f.name);
    assert.ok(names.includes(file.name));
    const edited = await ai.models.generateContent({ model,
      contents: [{ role: "user", parts: [{ text: "Add a hat" }, createPartFromUri(file.uri, file.mimeType)] }] });
    lastImage(edited);
    const target = join(dir, "tiny.png");
    await ai.files.download({ file: file.name, downloadPath: target });
    assert.deepEqual(await readFile(target), tinyPng);
    await ai.files.delete({ name: file.name });
    await assert.rejects(ai.files.get({ name: file.name }));
  });

  await step("inline batch to its responses", async () => {
    const job = await ai.batches.create({ model, config: { displayName: "js inline" }, src: [
      { contents: [{ role: "user", parts: [{ text: "A cat" }] }], config: imageConfig, metadata: { key: "cat" } },
      { contents: [{ role: "user", parts: [{ text: "A dog" }] }], metadata: { key: "dog" } }] });
    const done = await waitSucceeded(ai, job.name);
    const responses = done.dest.inlinedResponses;
    assert.equal(responses.length, 2);
    assert.deepEqual(pngSize(Buffer.from(lastImage(responses[0].response).data, "base64")), [1344, 768]);
  });

  await step("file batch to its results file", async () => {
    const lines = ['{"key":"a","request":{"contents":[{"parts":[{"text":"A big letter A"}]}]}}',
      '{"key":"b","request":{"contents":[{"parts":[{"text":"A big letter B"}]}]}}'].join("\n") + "\n";
    const input = await ai.files.upload({ file: new Blob([lines]), config: { mimeType: "jsonl" } });
    const job = await ai.batches.create({ model, src: input.name, config: { displayName: "js file" } });
    const done = await waitSucceeded(ai, job.name);
    const target = join(dir, "results.jsonl");
    await ai.files.download({ file: done.dest.fileName, downloadPath: target });
    const results = (await readFile(target, "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(results.map((r) => r.key), ["a", "b"]);
    assert.ok(results.every((r) => r.response.candidates[0].content.parts.some((p) => p.inlineData)));
  });
  console.log("all flows passed");
} finally {
  await rm(dir, { recursive: true, force: true });
}
