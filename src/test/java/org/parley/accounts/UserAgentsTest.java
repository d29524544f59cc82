package org.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The words the signed-in devices list uses for real browsers' User-Agent headers, and the network cut. */
class UserAgentsTest {

    @Test
    void common_browsers_and_systems_are_named_as_people_know_them() {
        String safariIphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                + " Version/17.5 Mobile/15E148 Safari/604.1";
        String edgeWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
        String samsung = "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36";
        String firefoxMac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0";
        String chromeLinux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

        assertThat(UserAgents.browser(safariIphone)).isEqualTo("Safari");
        assertThat(UserAgents.os(safariIphone)).isEqualTo("iOS");
        assertThat(UserAgents.browser(edgeWindows)).isEqualTo("Edge");
        assertThat(UserAgents.os(edgeWindows)).isEqualTo("Windows");
        assertThat(UserAgents.browser(samsung)).isEqualTo("Samsung Internet");
        assertThat(UserAgents.os(samsung)).isEqualTo("Android");
        assertThat(UserAgents.browser(firefoxMac)).isEqualTo("Firefox");
        assertThat(UserAgents.os(firefoxMac)).isEqualTo("macOS");
        assertThat(UserAgents.browser(chromeLinux)).isEqualTo("Chrome");
        assertThat(UserAgents.os(chromeLinux)).isEqualTo("Linux");
        assertThat(UserAgents.browser(null)).isEqualTo(UserAgents.UNKNOWN);
        assertThat(UserAgents.os("curl/8.5.0")).isEqualTo(UserAgents.UNKNOWN);
    }

    @Test
    void a_network_is_the_address_cut_to_its_slash_24_or_slash_48_and_never_a_name_lookup() {
        assertThat(UserAgents.network("203.0.113.77")).isEqualTo("203.0.113.0/24");
        assertThat(UserAgents.network("2001:db8:1:2::9")).isEqualTo("2001:db8:1::/48");
        assertThat(UserAgents.network("example.org")).isNull();
        assertThat(UserAgents.network("")).isNull();
    }
}
