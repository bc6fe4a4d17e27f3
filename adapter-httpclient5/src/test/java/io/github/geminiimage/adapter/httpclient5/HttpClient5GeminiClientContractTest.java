package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.http.HttpPortBuilder;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.tck.http.EmulatorGeminiClientContract;

/** The client contract over this adapter, built the way users build it, against the emulator. */
class HttpClient5GeminiClientContractTest extends EmulatorGeminiClientContract {

    @Override
    protected HttpPortBuilder<?, GeminiClient> clientBuilder() {
        return HttpClient5GeminiClient.builder();
    }
}
