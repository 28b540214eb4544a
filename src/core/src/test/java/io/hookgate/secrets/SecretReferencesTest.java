package io.hookgate.secrets;

import io.hookgate.devstack.SecretsManagerStub;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secret references resolved at start through the real AWS SDK client, against a stand-in for Secrets Manager that
 * speaks its wire protocol (AWS itself cannot run here).
 */
class SecretReferencesTest {

    static SecretsManagerStub secretsManager;

    @BeforeAll
    static void start() throws Exception {
        secretsManager = SecretsManagerStub.start();
    }

    @AfterAll
    static void stop() {
        secretsManager.close();
    }

    static String arn(String name) {
        return "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + name + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    static SmallRyeConfig config(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.putIfAbsent(SecretReferences.ENDPOINT, secretsManager.endpoint());
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(all, "test", 100))
                .withInterceptors(new SecretReferences()).build();
    }

    @Test
    void referencesResolveToTheSecretsFieldsEachSecretReadOnce() {
        String app = arn("hookgate/test/app");
        String database = arn("hookgate/test/database");
        secretsManager.put(app, "{\"cryptoKey\":\"a2V5\",\"ccpaymentSecret\":\"cc-secret\"}").put(database, "{\"username\":\"hookgate\",\"password\":\"pw\"}");
        SmallRyeConfig config = config(Map.of(
                SecretReferences.APP_SECRET, app,
                "hookgate.crypto.secret-key", "secret:cryptoKey",
                "hookgate.ingest.ccpayment.secret", "secret:ccpaymentSecret",
                "quarkus.datasource.password", "secret:" + database + "#password",
                "hookgate.plain", "not a reference"));
        assertEquals("a2V5", config.getValue("hookgate.crypto.secret-key", String.class));
        assertEquals("cc-secret", config.getValue("hookgate.ingest.ccpayment.secret", String.class));
        assertEquals("pw", config.getValue("quarkus.datasource.password", String.class));
        assertEquals("not a reference", config.getValue("hookgate.plain", String.class));
        assertEquals(1, secretsManager.reads(app), "one read per secret per process");
        assertEquals(1, secretsManager.reads(database));
    }

    @Test
    void aMissingFieldOrSecretStopsTheStartNamingWhatIsMissingNeverAValue() {
        String app = arn("hookgate/test/app");
        secretsManager.put(app, "{\"cryptoKey\":\"do-not-print-me\"}");
        SmallRyeConfig config = config(Map.of(SecretReferences.APP_SECRET, app, "hookgate.admin.bootstrap-key", "secret:adminBootstrapKey",
                "hookgate.other", "secret:" + arn("hookgate/test/missing") + "#password"));
        IllegalStateException missingField = assertThrows(IllegalStateException.class, () -> config.getValue("hookgate.admin.bootstrap-key", String.class));
        assertTrue(missingField.getMessage().contains("hookgate.admin.bootstrap-key") && missingField.getMessage().contains("'adminBootstrapKey'"),
                missingField.getMessage());
        assertFalse(missingField.getMessage().contains("do-not-print-me"));
        IllegalStateException missingSecret = assertThrows(IllegalStateException.class, () -> config.getValue("hookgate.other", String.class));
        assertTrue(missingSecret.getMessage().contains("cannot be read from Secrets Manager"), missingSecret.getMessage());
    }

    @Test
    void aFieldReferenceWithoutTheAppSecretsArnSaysWhichSettingIsMissing() {
        SmallRyeConfig config = config(Map.of("hookgate.crypto.secret-key", "secret:cryptoKey"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> config.getValue("hookgate.crypto.secret-key", String.class));
        assertTrue(refused.getMessage().contains("HOOKGATE_SECRETS_APP_SECRET_ARN"), refused.getMessage());
    }
}
