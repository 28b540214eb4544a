package io.hookgate.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Points a Quarkus test at the shared devstack. With the init argument {@code esm-port} it also runs the SQS
 * event-source mappings (four batches in flight per queue, as Lambda scales its pollers) that invoke the delivery
 * function's test mock event server on that port. The application takes its crypto key from the app secret when it
 * starts, as a deployment does ({@code secret:cryptoKey}, core secrets.SecretReferences), from a Secrets Manager
 * stand-in: every JVM test and native IT that seals or opens a secret proves that path.
 */
public class HookgateTestResource implements QuarkusTestResourceLifecycleManager {

    /** The test app secret's ARN in {@link #secretsManager()}. */
    public static final String APP_SECRET = "arn:aws:secretsmanager:us-east-1:000000000000:secret:hookgate/test/app-Tst123";
    /** The tests' crypto key (core's %test value), held in the app secret's {@code cryptoKey} field. */
    public static final String CRYPTO_KEY = "ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE=";

    private static SecretsManagerStub secretsManager;

    /** The Secrets Manager stand-in of this JVM's tests, holding {@link #APP_SECRET}. */
    public static synchronized SecretsManagerStub secretsManager() {
        if (secretsManager == null) {
            try {
                secretsManager = SecretsManagerStub.start().put(APP_SECRET, "{\"cryptoKey\":\"" + CRYPTO_KEY + "\"}");
            } catch (java.io.IOException e) {
                throw new IllegalStateException("could not start the Secrets Manager stand-in", e);
            }
        }
        return secretsManager;
    }

    private final List<SqsEventSourceMapping> mappings = new ArrayList<>();
    private Integer esmPort;

    @Override
    public void init(Map<String, String> initArgs) {
        String port = initArgs.get("esm-port");
        esmPort = port == null ? null : Integer.valueOf(port);
    }

    @Override
    public Map<String, String> start() {
        DevStack stack = DevStack.shared();
        if (esmPort != null) {
            SqsQueues queues = stack.queues();
            mappings.add(SqsEventSourceMapping.start(queues.client(), queues.eventsUrl(), esmPort, 10, 4));
            mappings.add(SqsEventSourceMapping.start(queues.client(), queues.deliveriesUrl(), esmPort, 10, 4));
            mappings.add(SqsEventSourceMapping.start(queues.client(), queues.slowDeliveriesUrl(), esmPort, 10, 2));
        }
        Map<String, String> config = stack.quarkusConfig();
        config.put("hookgate.secrets.app-secret-arn", APP_SECRET);
        config.put("hookgate.secrets.endpoint", secretsManager().endpoint());
        config.put("hookgate.crypto.secret-key", "secret:cryptoKey");
        return config;
    }

    @Override
    public void stop() {
        mappings.forEach(SqsEventSourceMapping::close);
        mappings.clear();
    }
}
