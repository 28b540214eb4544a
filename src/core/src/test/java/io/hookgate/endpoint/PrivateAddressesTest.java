package io.hookgate.endpoint;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SSRF guard's ranges, including the IPv6 forms that embed an IPv4 address. */
class PrivateAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
            "198.18.0.1", "198.19.255.255", "240.0.0.1", "255.255.255.255", "224.0.0.1", "192.0.2.10", "203.0.113.5",
            "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1", "64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b:1::1",
            "2002:7f00:1::1", "2002:a9fe:a9fe::1", "::127.0.0.1", "::10.0.0.1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
            "2001:0:4136:e378::1", "2001:db8::1", "100::1", "fec0::1"})
    void refusesEveryInternalOrTranslatedAddress(String literal) throws Exception {
        assertTrue(PrivateAddresses.isPrivate(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "198.20.0.1", "2606:4700::1111", "2a00:1450:4001:80b::200e"})
    void allowsPublicAddresses(String literal) throws Exception {
        assertFalse(PrivateAddresses.isPrivate(InetAddress.getByName(literal)), literal);
    }
}
