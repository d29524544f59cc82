package org.parley.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SrtpProtectionProfileTest {

    @Test
    void aes_cm_with_an_80_bit_tag_is_chosen_whenever_offered_whatever_the_clients_order() {
        assertThat(SrtpProtectionProfile.choose(new int[] {0x0007, 0x0002, 0x0001}))
                .contains(SrtpProtectionProfile.AES128_CM_HMAC_SHA1_80);
        assertThat(SrtpProtectionProfile.choose(new int[] {0x0002, 0x0001, 0x0008}))
                .contains(SrtpProtectionProfile.AES128_CM_HMAC_SHA1_80);
    }

    @Test
    void gcm_is_the_fallback() {
        assertThat(SrtpProtectionProfile.choose(new int[] {0x0008, 0x0007}))
                .contains(SrtpProtectionProfile.AEAD_AES_128_GCM);
    }

    @Test
    void nothing_is_chosen_without_a_common_profile() {
        assertThat(SrtpProtectionProfile.choose(new int[] {0x0002, 0x0008})).isEmpty();
        assertThat(SrtpProtectionProfile.choose(new int[0])).isEmpty();
    }

    @Test
    void keying_material_lengths_follow_rfc_5764_section_4_2() {
        assertThat(SrtpProtectionProfile.AEAD_AES_128_GCM.keyingMaterialLength()).isEqualTo(2 * (16 + 12));
        assertThat(SrtpProtectionProfile.AES128_CM_HMAC_SHA1_80.keyingMaterialLength()).isEqualTo(2 * (16 + 14));
    }

    @Test
    void keying_material_is_split_into_client_key_server_key_client_salt_server_salt() {
        byte[] material = new byte[56];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) i;
        }

        DtlsSrtpKeys keys = DtlsSrtpKeys.split(SrtpProtectionProfile.AEAD_AES_128_GCM, material);

        assertThat(keys.clientWriteKey()).startsWith(0).endsWith(15).hasSize(16);
        assertThat(keys.serverWriteKey()).startsWith(16).endsWith(31).hasSize(16);
        assertThat(keys.clientWriteSalt()).startsWith(32).endsWith(43).hasSize(12);
        assertThat(keys.serverWriteSalt()).startsWith(44).endsWith(55).hasSize(12);
    }

    @Test
    void the_keys_cannot_be_changed_through_what_they_hand_out() {
        DtlsSrtpKeys keys = DtlsSrtpKeys.split(SrtpProtectionProfile.AES128_CM_HMAC_SHA1_80, new byte[60]);

        keys.clientWriteKey()[0] = 9;

        assertThat(keys.clientWriteKey()[0]).isZero();
    }

    @Test
    void destroyed_keys_can_no_longer_be_read_and_the_caller_keeps_its_material() {
        byte[] material = new byte[56];
        java.util.Arrays.fill(material, (byte) 7);
        DtlsSrtpKeys keys = DtlsSrtpKeys.split(SrtpProtectionProfile.AEAD_AES_128_GCM, material);

        keys.destroy();
        keys.destroy();

        org.assertj.core.api.Assertions.assertThatThrownBy(keys::serverWriteKey).isInstanceOf(IllegalStateException.class);
        assertThat(keys.profile()).isEqualTo(SrtpProtectionProfile.AEAD_AES_128_GCM);
        assertThat(keys.toString()).isEqualTo("DtlsSrtpKeys[AEAD_AES_128_GCM]");
        assertThat(material).containsOnly(7);
    }
}
