package org.parley.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a push may go: never into this machine's or the operator's private networks, checked again at send time. */
class PushEndpointRulesTest {

    final PushConfig config = new PushConfig("mailto:ops@example.org", List.of("http://127.0.0.1:9999"));

    @Test
    void names_and_literal_addresses_of_private_networks_are_refused_when_subscribing() {
        for (String host : List.of("localhost", "push.localhost", "printer.local", "db.internal", "127.0.0.1", "10.1.2.3",
                "192.168.0.8", "172.16.4.4", "169.254.169.254", "[::1]", "[fd00::1]", "[fe80::1]", "0.0.0.0")) {
            assertThat(PushApi.publicHost(host)).as(host).isFalse();
        }
        assertThat(PushApi.publicHost("fcm.googleapis.com")).isTrue();
        assertThat(PushApi.publicHost("93.184.216.34")).isTrue();
    }

    @Test
    void at_send_time_a_host_that_resolves_into_a_private_network_is_unreachable_and_a_dev_origin_is_not() {
        assertThat(PushApi.reachable(URI.create("https://localhost/push/abc"), config)).isFalse();
        assertThat(PushApi.reachable(URI.create("https://10.0.0.7/push/abc"), config)).isFalse();
        assertThat(PushApi.reachable(URI.create("https://no-such-host.invalid/push"), config)).as("unresolvable").isFalse();
        assertThat(PushApi.reachable(URI.create("https://93.184.216.34/push/abc"), config)).isTrue();
        assertThat(PushApi.reachable(URI.create("http://127.0.0.1:9999/push/abc"), config)).as("configured for tests")
                .isTrue();
    }
}
