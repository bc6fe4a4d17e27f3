package io.github.geminiimage.adapter.httpclient5;

import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.tck.GeminiClientContract;
import io.github.geminiimage.tck.LoopbackFilesServer;
import io.github.geminiimage.tck.TckSecrets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;

/** The client contract over this adapter, built the way users build it, against a loopback Files API server. */
class HttpClient5GeminiClientContractTest extends GeminiClientContract {

    private final List<LoopbackFilesServer> servers = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(LoopbackFilesServer::close);
    }

    @Override
    protected GeminiClient newClient() {
        LoopbackFilesServer server = LoopbackFilesServer.start(TckSecrets.SENTINEL_KEY, 256 * 1024);
        servers.add(server);
        return HttpClient5GeminiClient.builder().apiKey(TckSecrets.SENTINEL_KEY).baseUri(server.baseUri()).build();
    }

    @Override
    protected boolean isIgnoredThread(Thread thread) {
        // The loopback server's own threads, started with it.
        return thread.getName().startsWith("HTTP-Dispatcher") || thread.getName().equals("idle-timeout-task");
    }
}
