package io.github.geminiimage.auth.google;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Fake credentials files whose {@code token_uri} points at a loopback endpoint: a service account
 * with an RSA key made for the test run, and gcloud user credentials ({@code authorized_user}).
 */
final class TestCredentials {

    static final String CLIENT_EMAIL = "vertex-test@test-project.iam.gserviceaccount.com";
    static final String REFRESH_TOKEN = "1//loopback-refresh-token";

    /** One key pair for the run: generating RSA keys is the slow part. */
    static final KeyPair KEYS = generate();

    private TestCredentials() {
    }

    static String serviceAccountJson(URI tokenUri, String projectId) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(KEYS.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return "{\"type\": \"service_account\","
                + "\"project_id\": \"" + projectId + "\","
                + "\"private_key_id\": \"0123456789abcdef\","
                + "\"private_key\": \"" + pem.replace("\n", "\\n") + "\","
                + "\"client_email\": \"" + CLIENT_EMAIL + "\","
                + "\"client_id\": \"100000000000000000001\","
                + "\"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\","
                + "\"token_uri\": \"" + tokenUri + "\"}";
    }

    static String authorizedUserJson(URI tokenUri, String quotaProject) {
        return "{\"type\": \"authorized_user\","
                + "\"client_id\": \"test-client.apps.googleusercontent.com\","
                + "\"client_secret\": \"test-client-secret\","
                + "\"refresh_token\": \"" + REFRESH_TOKEN + "\","
                + "\"quota_project_id\": \"" + quotaProject + "\","
                + "\"token_uri\": \"" + tokenUri + "\"}";
    }

    /** Whether a JWT's RS256 signature is the key's, and its payload JSON. */
    static boolean signedBy(String jwt, PublicKey key) throws GeneralSecurityException {
        String[] parts = jwt.split("\\.");
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    static String payload(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
