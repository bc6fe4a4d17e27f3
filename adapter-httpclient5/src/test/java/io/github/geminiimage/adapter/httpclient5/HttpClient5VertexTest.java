package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.http.AccessTokenSource;
import io.github.geminiimage.http.Endpoint;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.tck.http.VertexContract;

class HttpClient5VertexTest extends VertexContract {

    @Override
    protected ImageGenerationPort vertexPort(Endpoint endpoint, AccessTokenSource tokens, HttpOptions options) {
        return HttpClient5ImageGeneration.builder().options(options).endpoint(endpoint).accessTokens(tokens).build();
    }

    @Override
    protected ImageGenerationPort keyPort(Endpoint endpoint, String apiKey, HttpOptions options) {
        return HttpClient5ImageGeneration.builder().options(options).endpoint(endpoint).apiKey(apiKey).build();
    }

    @Override
    protected ImageGenerationPort portWithoutCredentials(Endpoint endpoint) {
        return HttpClient5ImageGeneration.builder().endpoint(endpoint).build();
    }
}
