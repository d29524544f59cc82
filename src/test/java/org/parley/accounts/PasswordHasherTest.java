package org.parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    final PasswordHasher hasher = new PasswordHasher();

    /** Made with the reference implementation: {@code echo -n PW | argon2 SALT -id -t T -m LOG2M -p P -l 32 -e}. */
    @Test
    void hashes_from_the_reference_argon2_implementation_verify() {
        assertThat(hasher.verify("correct horse battery staple",
                "$argon2id$v=19$m=1024,t=2,p=1$cGFybGV5c2FsdHZhbHVlMQ$ZDNsqjPTI6XZz04JxIGfsSbG/rO4JZy4rl2XDbzsy20")).isTrue();
        assertThat(hasher.verify("pässwörd ✓",
                "$argon2id$v=19$m=4096,t=1,p=2$MDEyMzQ1Njc4OWFiY2RlZg$1FwII1sHNmgltfJGRkMX1xNUQJkVBtw3vgwNe8gJ6Mw")).isTrue();
        assertThat(hasher.verify("correct horse battery stapler",
                "$argon2id$v=19$m=1024,t=2,p=1$cGFybGV5c2FsdHZhbHVlMQ$ZDNsqjPTI6XZz04JxIGfsSbG/rO4JZy4rl2XDbzsy20")).isFalse();
    }

    @Test
    void a_new_hash_is_argon2id_with_the_owasp_parameters_and_a_fresh_salt() {
        String a = hasher.hash("same password");
        String b = hasher.hash("same password");
        assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(a).isNotEqualTo(b);
        assertThat(hasher.verify("same password", a)).isTrue();
        assertThat(hasher.verify("same password", b)).isTrue();
        assertThat(hasher.verify("Same password", a)).isFalse();
    }

    @Test
    void a_malformed_stored_hash_never_verifies() {
        assertThat(hasher.verify("x", "")).isFalse();
        assertThat(hasher.verify("x", "$2b$10$abcdefghijklmnopqrstuv")).isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdA$aGFzaA")).isFalse();
    }
}
