package org.parley.signalling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.module.MessageHandler;
import org.parley.module.MessageRoutes;
import org.parley.module.Module;

@Timeout(10)
class MessageRegistryTest {

    static final MessageHandler ACK = (caller, message) -> new MessageHandler.Reply.Ack(null);

    @Test
    void a_module_contributes_message_types_that_the_socket_then_parses_for_it() {
        Module wave = new Module() {
            @Override
            public void messages(MessageRoutes routes) {
                routes.on("wave", ACK);
            }
        };
        var registry = MessageRegistry.collect(List.of(wave), new Push());

        assertThat(registry.types()).containsExactly("wave");
        assertThat(registry.handler("wave")).isSameAs(ACK);
        var parsed = ClientMessage.parse("{\"type\":\"wave\",\"id\":\"7\",\"to\":\"bob\"}", 1, registry.types());
        assertThat(parsed).isInstanceOf(ClientMessage.Contributed.class);
        assertThat(((ClientMessage.Contributed) parsed).message().get("to").asText()).isEqualTo("bob");
        assertThat(ClientMessage.parse("{\"type\":\"wave\"}", 1, java.util.Set.of()))
                .isEqualTo(new ClientMessage.Bad(null, "unknown type 'wave'"));
    }

    @Test
    void a_type_that_is_already_answered_stops_the_node_from_starting() {
        var registry = new MessageRegistry(new Push());
        registry.on("wave", ACK);

        assertThatThrownBy(() -> registry.on("wave", ACK)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'wave' already has a handler");
        assertThatThrownBy(() -> registry.on("join", ACK)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_socket_s_own_types_are_the_ones_it_parses_itself() {
        for (String type : MessageRegistry.OWN) {
            var parsed = ClientMessage.parse("{\"type\":\"" + type + "\"}", 1, java.util.Set.of());
            assertThat(parsed instanceof ClientMessage.Bad bad && bad.reason().startsWith("unknown type"))
                    .as(type).isFalse();
        }
    }
}
