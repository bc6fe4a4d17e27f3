package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.http.HttpPortBuilder;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.tck.http.VertexContract;

class JdkHttpVertexTest extends VertexContract {

    @Override
    protected HttpPortBuilder<?, ImageGenerationPort> imagePortBuilder() {
        return JdkHttpImageGeneration.builder();
    }
}
