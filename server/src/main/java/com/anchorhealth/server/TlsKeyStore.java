package com.anchorhealth.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web console's TLS key from the same PEM files as gRPC's ({@code --tls-cert}, {@code --tls-key}),
 * as the in-memory key store Jetty takes.
 */
final class TlsKeyStore {
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    /** Key algorithms a PKCS#8 key of a server certificate is in, tried in turn. */
    private static final List<String> ALGORITHMS = List.of("RSA", "EC", "Ed25519");

    private TlsKeyStore() {
    }

    /** Throws {@link SettingsException} naming the file that does not read. */
    static KeyStore read(Path certificateChain, Path privateKey) {
        try {
            List<? extends Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificateChain))));
            if (chain.isEmpty()) {
                throw new SettingsException("--tls-cert " + certificateChain + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("console", key(privateKey), new char[0], chain.toArray(new Certificate[0]));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new SettingsException("--tls-cert " + certificateChain + " and --tls-key " + privateKey
                    + " do not make a key for the web console: " + e.getMessage());
        }
    }

    private static PrivateKey key(Path path) throws IOException {
        Matcher pem = PKCS8.matcher(Files.readString(path, StandardCharsets.US_ASCII));
        if (!pem.find()) {
            throw new SettingsException("--tls-key " + path + " is not a PEM PKCS#8 private key (BEGIN PRIVATE KEY)");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.group(1)));
        for (String algorithm : ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // Not a key of this algorithm: try the next.
            }
        }
        throw new SettingsException("--tls-key " + path + " is not an RSA, EC or Ed25519 key");
    }
}
