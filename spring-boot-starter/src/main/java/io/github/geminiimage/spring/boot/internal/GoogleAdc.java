package io.github.geminiimage.spring.boot.internal;

import io.github.geminiimage.auth.google.GoogleCredentialsTokenSource;
import io.github.geminiimage.http.AccessTokenSource;
import io.github.geminiimage.spring.boot.GeminiImageConfigurationException;
import java.io.IOException;

/**
 * Application Default Credentials through the optional {@code gemini-image-auth-google}; a class of
 * its own so that nothing loads it unless that module is on the classpath.
 */
final class GoogleAdc {

    private GoogleAdc() {
    }

    static AccessTokenSource tokens(String project) {
        try {
            return GoogleCredentialsTokenSource.applicationDefault();
        } catch (IOException e) {
            throw new GeminiImageConfigurationException("gemini.image.vertex.project is set (" + project
                    + ") without gemini.image.api-key, but no Application Default Credentials were found: " + e.getMessage(),
                    "Set GOOGLE_APPLICATION_CREDENTIALS to a credentials file, run 'gcloud auth application-default login',"
                            + " or define an AccessTokenSource bean.");
        }
    }
}
