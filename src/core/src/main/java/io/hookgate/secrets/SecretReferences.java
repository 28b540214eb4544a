package io.hookgate.secrets;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * Resolves configuration values that name a secret instead of holding it, when the process starts: {@code
 * secret:<field>} is that JSON field of the app secret ({@code hookgate.secrets.app-secret-arn}), {@code
 * secret:<secret-id>#<field>} a field of another secret (the database's). The deployment's environment then holds
 * only references, never a secret's value (infra: HookgateStack), and the values live in this process's memory only.
 * Each secret is read from Secrets Manager once per process ({@link SecretStore}); a secret that cannot be read stops
 * the start with a message that names it, never its value. Registered through META-INF/services, so it runs for every
 * configuration source (environment, system properties, files).
 */
@Priority(Priorities.LIBRARY + 350)
public class SecretReferences implements ConfigSourceInterceptor {

    /** The prefix of a value that names a secret. */
    public static final String PREFIX = "secret:";

    static final String APP_SECRET = "hookgate.secrets.app-secret-arn";
    static final String ENDPOINT = "hookgate.secrets.endpoint";

    private static final SecretStore STORE = new SecretStore();

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value == null || value.getValue() == null || !value.getValue().startsWith(PREFIX)) {
            return value;
        }
        String reference = value.getValue().substring(PREFIX.length());
        int hash = reference.lastIndexOf('#');
        String secretId = hash >= 0 ? reference.substring(0, hash) : text(context, APP_SECRET, name);
        String field = hash >= 0 ? reference.substring(hash + 1) : reference;
        String endpoint = text(context, ENDPOINT, null);
        return value.withValue(STORE.field(secretId, field, endpoint, name));
    }

    private static String text(ConfigSourceInterceptorContext context, String name, String neededBy) {
        ConfigValue value = context.proceed(name);
        if (value == null || value.getValue() == null || value.getValue().isBlank()) {
            if (neededBy == null) {
                return null;
            }
            throw new IllegalStateException(neededBy + " names a field of the app secret, but " + name
                    + " (HOOKGATE_SECRETS_APP_SECRET_ARN) is not set");
        }
        return value.getValue();
    }
}
