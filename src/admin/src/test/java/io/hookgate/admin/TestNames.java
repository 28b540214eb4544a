package io.hookgate.admin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.stream.Stream;

/**
 * Name resolution for the admin tests' own names, through the JDK's resolver SPI (every lookup in this JVM goes through
 * it; names outside {@code .hookgate.test} go to the system's resolver unchanged): {@code public.hookgate.test} is a
 * public address, {@code private.hookgate.test} a private one, {@code missing.hookgate.test} does not exist, and
 * {@code slow.hookgate.test} hangs like a name server that does not answer.
 */
public class TestNames extends InetAddressResolverProvider {

    static final String PUBLIC = "public.hookgate.test";
    static final String PRIVATE = "private.hookgate.test";
    static final String MISSING = "missing.hookgate.test";
    static final String SLOW = "slow.hookgate.test";

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver system = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                return switch (host) {
                    case PUBLIC -> Stream.of(InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 215, 14}));
                    case PRIVATE -> Stream.of(InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7}));
                    case MISSING -> throw new UnknownHostException(host);
                    case SLOW -> {
                        try {
                            Thread.sleep(8_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new UnknownHostException(host + ": timed out");
                    }
                    default -> system.lookupByName(host, policy);
                };
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return system.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "hookgate-test-names";
    }
}
