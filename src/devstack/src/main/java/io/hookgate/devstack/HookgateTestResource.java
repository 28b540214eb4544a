package io.hookgate.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Points a Quarkus test at the shared devstack. With the init argument {@code esm-port} it also runs the SQS
 * event-source mappings (four batches in flight per queue, as Lambda scales its pollers) that invoke the delivery
 * function's test mock event server on that port.
 */
public class HookgateTestResource implements QuarkusTestResourceLifecycleManager {

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
        return stack.quarkusConfig();
    }

    @Override
    public void stop() {
        mappings.forEach(SqsEventSourceMapping::close);
        mappings.clear();
    }
}
