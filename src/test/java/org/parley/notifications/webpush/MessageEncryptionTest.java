package org.parley.notifications.webpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 8291 Appendix A: fixed keys and salt, so every byte of the encrypted body is known. */
@Timeout(10)
class MessageEncryptionTest {

    static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    @Test
    void the_rfc_8291_test_vector_encrypts_to_the_published_body() {
        var sender = new KeyPair(key(AS_PUBLIC), P256.privateKey(b(AS_PRIVATE)));
        byte[] body = MessageEncryption.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8), key(UA_PUBLIC), b(AUTH),
                sender, b(SALT));
        assertThat(P256.base64Url(body)).isEqualTo(BODY);
    }

    @Test
    void the_published_body_decrypts_with_the_user_agents_keys() throws GeneralSecurityException {
        byte[] plain = MessageEncryption.decrypt(b(BODY), P256.privateKey(b(UA_PRIVATE)), key(UA_PUBLIC), b(AUTH));
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
    }

    @Test
    void a_fresh_message_round_trips_and_an_altered_one_is_refused() throws GeneralSecurityException {
        KeyPair browser = P256.generate();
        byte[] auth = new byte[16];
        byte[] body = MessageEncryption.encrypt("{\"kind\":\"followed\"}".getBytes(StandardCharsets.UTF_8),
                (ECPublicKey) browser.getPublic(), auth);
        assertThat(new String(MessageEncryption.decrypt(body, (ECPrivateKey) browser.getPrivate(),
                (ECPublicKey) browser.getPublic(), auth), StandardCharsets.UTF_8)).isEqualTo("{\"kind\":\"followed\"}");
        body[body.length - 1] ^= 1;
        assertThatThrownBy(() -> MessageEncryption.decrypt(body, (ECPrivateKey) browser.getPrivate(),
                (ECPublicKey) browser.getPublic(), auth)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void keys_off_the_curve_and_oversized_messages_are_refused() {
        byte[] point = b(UA_PUBLIC);
        point[64] ^= 1;
        assertThatThrownBy(() -> P256.publicKey(point)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> P256.publicKey(new byte[33])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageEncryption.encrypt(new byte[MessageEncryption.MAX_PLAINTEXT + 1], key(UA_PUBLIC), b(AUTH)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(MessageEncryption.encrypt(new byte[MessageEncryption.MAX_PLAINTEXT], key(UA_PUBLIC), b(AUTH)))
                .hasSize(4096);
    }

    @Test
    void keys_survive_their_encoding() {
        KeyPair pair = P256.generate();
        assertThat(P256.encode(P256.publicKey(P256.encode((ECPublicKey) pair.getPublic()))))
                .isEqualTo(P256.encode((ECPublicKey) pair.getPublic()));
        assertThat(P256.privateKey(P256.encode((ECPrivateKey) pair.getPrivate())).getS())
                .isEqualTo(((ECPrivateKey) pair.getPrivate()).getS());
    }

    static ECPublicKey key(String base64) {
        return P256.publicKey(b(base64));
    }

    static byte[] b(String base64) {
        return P256.fromBase64Url(base64);
    }
}
