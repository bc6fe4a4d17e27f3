package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.http.HttpPortBuilder;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.tck.http.VertexContract;

class HttpClient5VertexTest extends VertexContract {

    @Override
    protected HttpPortBuilder<?, ImageGenerationPort> imagePortBuilder() {
        return HttpClient5ImageGeneration.builder();
    }
}
