package io.hookgate.delivery.attempt;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetGuardTest {

    static String refusal(String url) {
        return TargetGuard.refusal(URI.create(url), false, true);
    }

    @Test
    void privateLoopbackLinkLocalAndMetadataAddressesAreRefused() {
        for (String url : new String[] {
                "https://localhost/hook", "https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://172.16.0.9/hook",
                "https://192.168.1.1/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook",
                "https://[fd00::1]/hook", "https://0.0.0.0/hook", "https://100.64.0.1/hook", "https://[::ffff:127.0.0.1]/hook"}) {
            assertNotNull(refusal(url), url);
        }
        assertTrue(refusal("https://localhost/hook").contains("127.0.0.1") || refusal("https://localhost/hook").contains("0:0:0:0:0:0:0:1"),
                "a DNS name is refused for the address it resolves to");
    }

    @Test
    void publicAddressesPassAndConfigCanAllowLoopback() {
        assertNull(refusal("https://93.184.215.14/hook"));
        assertNull(TargetGuard.refusal(URI.create("http://127.0.0.1:9999/hook"), true, false), "tests allow loopback explicitly");
    }

    @Test
    void httpIsRefusedWhereHttpsIsRequired() {
        assertNotNull(refusal("http://93.184.215.14/hook"));
        assertNotNull(refusal("ftp://93.184.215.14/hook"));
    }
}
