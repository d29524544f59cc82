package org.parley.web;

import com.microsoft.playwright.options.ColorScheme;
import java.util.List;

/** {@link EveryScreenBrowserTest}'s screens in the dark theme: the same walk, in a test JVM of its own. */
class EveryScreenDarkBrowserTest extends EveryScreenBrowserTest {

    @Override
    List<ColorScheme> themes() {
        return List.of(ColorScheme.DARK);
    }
}
