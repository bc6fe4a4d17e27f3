package io.github.geminiimage.adapter.jdkhttp;

import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.tck.http.HttpFilesPortContract;

class JdkHttpFilesContractTest extends HttpFilesPortContract {

    @Override
    protected HttpTransport createTransport(TransportSettings settings) {
        return JdkHttpTransport.create(settings);
    }
}
