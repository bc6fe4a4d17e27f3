package io.github.geminiimage.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Shows a {@link GeminiImageConfigurationException} at startup as Spring Boot's short
 * "Description / Action" report instead of a stack of bean-creation errors.
 */
public final class GeminiImageConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<GeminiImageConfigurationException> {

    /** Created by Spring Boot. */
    public GeminiImageConfigurationFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, GeminiImageConfigurationException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
