package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.tck.HttpPortWiringContract;

class HttpClient5PortWiringTest extends HttpPortWiringContract {

    @Override
    protected HttpTransport createTransport(TransportSettings settings) {
        return HttpClient5Transport.create(settings);
    }
}
