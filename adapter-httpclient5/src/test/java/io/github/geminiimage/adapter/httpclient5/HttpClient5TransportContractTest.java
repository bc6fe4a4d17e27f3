package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.tck.HttpTransportContract;

class HttpClient5TransportContractTest extends HttpTransportContract {

    @Override
    protected HttpTransport createTransport(HttpOptions options) {
        return HttpClient5Transport.create(options);
    }
}
