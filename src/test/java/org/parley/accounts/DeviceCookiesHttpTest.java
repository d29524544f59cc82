package org.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.parley.web.ClientInfo;
import org.parley.web.HttpConfig;

class DeviceCookiesHttpTest {

    static final ClientInfo CLIENT = new ClientInfo(new HttpConfig(null, false, true));
    final byte[] key = new byte[32];
    final DeviceCookiesHttp cookies = new DeviceCookiesHttp(key, CLIENT);

    @Test
    void a_cookie_the_server_signed_reads_back_as_its_member_and_device() {
        var device = new DeviceCookiesHttp.Device(42, "AAAAAAAAAAAAAAAAAAAAAA");
        String value = cookies.value(device);
        assertThat(value).matches("v1\\.42\\.A{22}\\.[A-Za-z0-9_-]{43}");
        assertThat(cookies.parse(value)).contains(device);
    }

    @Test
    void a_cookie_signed_under_another_key_or_changed_in_any_part_is_no_device() {
        String value = cookies.value(new DeviceCookiesHttp.Device(42, "AAAAAAAAAAAAAAAAAAAAAA"));
        byte[] otherKey = Arrays.copyOf(key, key.length);
        otherKey[0] = 1;
        assertThat(new DeviceCookiesHttp(otherKey, CLIENT).parse(value)).isEmpty();
        assertThat(cookies.parse(value.replace("v1.42.", "v1.43."))).isEmpty();
        assertThat(cookies.parse(value.replace(".AAAAAAAAAAAAAAAAAAAAAA.", ".AAAAAAAAAAAAAAAAAAAAAB."))).isEmpty();
        // The last character carries 2 unused bits: another spelling of the same MAC is refused too.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String mac = value.substring(value.lastIndexOf('.') + 1);
        String respelledMac = mac.substring(0, 42) + alphabet.charAt(alphabet.indexOf(mac.charAt(42)) + 1);
        assertThat(Base64.getUrlDecoder().decode(respelledMac)).isEqualTo(Base64.getUrlDecoder().decode(mac));
        assertThat(cookies.parse(value.replace(mac, respelledMac))).isEmpty();
        assertThat(cookies.parse(value.substring(0, 30) + (value.charAt(30) == 'A' ? 'B' : 'A') + value.substring(31))).isEmpty();
        assertThat(cookies.parse(null)).isEmpty();
        assertThat(cookies.parse(value + "A")).isEmpty();
        assertThat(cookies.parse("v1.0." + value.substring(6))).isEmpty();
    }
}
