package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.tck.HttpPortWiringContract;

class JdkHttpPortWiringTest extends HttpPortWiringContract {

    @Override
    protected HttpTransport createTransport(TransportSettings settings) {
        return JdkHttpTransport.create(settings);
    }
}
