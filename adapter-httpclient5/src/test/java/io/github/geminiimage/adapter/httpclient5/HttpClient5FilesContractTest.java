package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.tck.http.HttpFilesPortContract;

class HttpClient5FilesContractTest extends HttpFilesPortContract {

    @Override
    protected HttpTransport createTransport(TransportSettings settings) {
        return HttpClient5Transport.create(settings);
    }
}
