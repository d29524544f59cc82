package org.parley.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.testing.InvisibleInputs;

class InvisibleTextTest {

    @Test
    void text_of_spaces_and_invisible_characters_shows_nothing() {
        InvisibleInputs.NOTHING_VISIBLE.forEach((what, text) ->
                assertThat(InvisibleText.hasVisible(text)).as(what).isFalse());
        assertThat(InvisibleText.hasVisible("")).isFalse();
    }

    @Test
    void one_visible_character_among_invisible_ones_is_enough() {
        InvisibleInputs.VISIBLE.forEach((what, text) -> assertThat(InvisibleText.hasVisible(text)).as(what).isTrue());
    }

    @Test
    void a_code_point_newer_than_this_java_counts_as_visible() {
        // U+0378 is unassigned; a browser with newer Unicode tables may draw such a code point (new emoji).
        assertThat(Character.getType(0x378)).isEqualTo(Character.UNASSIGNED);
        assertThat(InvisibleText.hasVisible("\u0378")).isTrue();
    }
}
