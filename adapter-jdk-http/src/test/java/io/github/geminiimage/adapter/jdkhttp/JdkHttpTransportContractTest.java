package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.tck.HttpTransportContract;

class JdkHttpTransportContractTest extends HttpTransportContract {

    @Override
    protected HttpTransport createTransport(HttpOptions options) {
        return JdkHttpTransport.create(options);
    }
}
