package io.github.geminiimage.auth.google;

import io.github.geminiimage.http.AccessToken;
import java.io.IOException;

/**
 * Run in a child JVM by {@link ApplicationDefaultCredentialsTest}, whose environment it inherits
 * (environment variables cannot be set inside a running JVM): finds Application Default
 * Credentials, fetches one token, prints what it got on one line.
 */
final class AdcProbe {

    private AdcProbe() {
    }

    public static void main(String[] args) {
        try {
            GoogleCredentialsTokenSource source = GoogleCredentialsTokenSource.applicationDefault();
            AccessToken token = source.fetch();
            System.out.println("kind=" + source + " token=" + token.reveal() + " expiresAt=" + token.expiresAt()
                    + " project=" + source.projectId().orElse("-") + " quota=" + source.quotaProjectId().orElse("-"));
        } catch (IOException e) {
            System.out.println("error=" + e.getMessage());
        }
    }
}
