package org.parley.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class ConfusablesTest {

    @ParameterizedTest(name = "{1} looks like {0}")
    @CsvSource(delimiter = '|', value = {
            "Ministry of Energy|ministry of energy",
            "Ministry of Energy|MINISTRY OF ENERGY",
            "Ministry of Energy|Mіnіstry of Еnеrgy", // Cyrillic і and Е/е
            "Ministry of Energy|Ministry  of\u00A0Energy",
            "Ministry of Energy|Ministry-of-Energy",
            "Ministry of Energy|Mіnistry оf Energy\u200B", // Cyrillic і, о and a zero-width space
            "Ministry of Energy|ＭＩＮＩＳＴＲＹ ＯＦ ＥＮＥＲＧＹ", // full-width forms
            "Ministry of Energy|Mínístry of Énergy", // diacritics
            "Ministry of Energy|M1nistry 0f Energy", // digits for letters
            "Modern Press|Mode rn Press",
            "Modern Press|Modem Press", // rn and m
            "Рара Сос|Papa Coc", // all Cyrillic against all Latin
            "Αθήνα Press|Aθηνa Press", // Greek alpha against Latin a
            "Oxford|Οxford", // Greek capital omicron
    })
    void names_a_reader_cannot_tell_apart_have_the_same_skeleton(String verified, String imitation) {
        assertThat(Confusables.lookAlike(verified, imitation)).isTrue();
    }

    @ParameterizedTest(name = "{1} does not look like {0}")
    @CsvSource(delimiter = '|', value = {
            "Ministry of Energy|Ministry of Enemy",
            "Ministry of Energy|Ministry of Energy Fans",
            "Ada Lovelace|Ada Lovelock",
            "Bob|Rob",
    })
    void different_names_keep_different_skeletons(String verified, String other) {
        assertThat(Confusables.lookAlike(verified, other)).isFalse();
    }

    @Test
    void a_name_without_letters_or_digits_has_an_empty_skeleton() {
        assertThat(Confusables.skeleton("\u200B — ✨ ·")).isEmpty();
    }
}
