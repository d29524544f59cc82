package org.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParleyConfigTest {

    @Test
    void with_nothing_set_parley_uses_embedded_defaults() {
        var config = ParleyConfig.load(Map.of());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.database().embedded()).isTrue();
        assertThat(config.database().effectiveUrl()).startsWith("jdbc:sqlite:").contains("data");
        assertThat(config.invites().perMember()).isEqualTo(2);
        assertThat(config.invites().ttl()).isEqualTo(Duration.ofDays(14));
        assertThat(config.accounts().sessionTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(config.http().publicUrl()).isNull();
        assertThat(config.http().redactIps()).isTrue();
        assertThat(config.media().fanOut().senderThreads())
                .isEqualTo(org.parley.media.FanOutConfig.defaultSenderThreads()).isBetween(2, 4);
        assertThat(config.media().rtcpInterval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void the_media_sender_threads_can_be_set() {
        assertThat(ParleyConfig.load(Map.of("PARLEY_MEDIA_SENDER_THREADS", "6")).media().fanOut().senderThreads())
                .isEqualTo(6);
        assertThatThrownBy(() -> ParleyConfig.load(Map.of("PARLEY_MEDIA_SENDER_THREADS", "0")))
                .hasMessageContaining("PARLEY_MEDIA_SENDER_THREADS").hasMessageContaining("between");
    }

    @Test
    void the_media_socket_stack_can_be_chosen_and_a_wrong_name_says_what_is_allowed() {
        assertThat(ParleyConfig.load(Map.of()).media().transport().socket()).isEqualTo(org.parley.media.udp.UdpStack.Choice.AUTO);
        assertThat(ParleyConfig.load(Map.of("PARLEY_MEDIA_SOCKET", "NIO")).media().transport().socket())
                .isEqualTo(org.parley.media.udp.UdpStack.Choice.NIO);
        assertThatThrownBy(() -> ParleyConfig.load(Map.of("PARLEY_MEDIA_SOCKET", "epoll")))
                .hasMessageContaining("PARLEY_MEDIA_SOCKET").hasMessageContaining("auto, linux or nio");
    }

    @Test
    void a_database_url_switches_to_postgresql() {
        var config = ParleyConfig.load(Map.of("PARLEY_DATABASE_URL", "jdbc:postgresql://db:5432/parley",
                "PARLEY_DATABASE_USER", "u", "PARLEY_DATABASE_PASSWORD", "p"));
        assertThat(config.database().embedded()).isFalse();
        assertThat(config.database().user()).isEqualTo("u");
    }

    @Test
    void environment_variables_override_the_config_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("parley.properties");
        Files.writeString(file, "PARLEY_PORT=9000\nPARLEY_INVITES_PER_MEMBER=5\n");
        var config = ParleyConfig.load(Map.of("PARLEY_CONFIG", file.toString(), "PARLEY_PORT", "9100"));
        assertThat(config.port()).isEqualTo(9100);
        assertThat(config.invites().perMember()).isEqualTo(5);
    }

    @Test
    void bad_values_are_refused_with_a_message_naming_the_variable() {
        assertThatThrownBy(() -> ParleyConfig.load(Map.of("PARLEY_PORT", "eighty")))
                .hasMessageContaining("PARLEY_PORT").hasMessageContaining("whole number");
        assertThatThrownBy(() -> ParleyConfig.load(Map.of("PARLEY_PORT", "70000")))
                .hasMessageContaining("PARLEY_PORT").hasMessageContaining("between");
        assertThatThrownBy(() -> ParleyConfig.load(Map.of("PARLEY_TRUST_PROXY", "maybe")))
                .hasMessageContaining("PARLEY_TRUST_PROXY");
        assertThatThrownBy(() -> ParleyConfig.load(Map.of("PARLEY_PUBLIC_URL", "parley.example.org")))
                .hasMessageContaining("PARLEY_PUBLIC_URL");
        assertThatThrownBy(() -> ParleyConfig.load(Map.of("PARLEY_CONFIG", "/nonexistent/parley.properties")))
                .hasMessageContaining("PARLEY_CONFIG");
    }

    @Test
    void a_public_url_loses_its_trailing_slash() {
        assertThat(ParleyConfig.load(Map.of("PARLEY_PUBLIC_URL", "https://parley.example.org/")).http().publicUrl())
                .isEqualTo("https://parley.example.org");
    }

    @Test
    void every_key_is_documented_in_the_readme() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (ParleyConfig.Key key : ParleyConfig.Key.values()) {
            assertThat(readme).as("README documents " + key).contains("`" + key.name() + "`");
        }
    }
}
