package org.parley.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code user.js} of the test's fresh Firefox profile: fake media devices without a prompt,
 * audio allowed to play without a gesture, and Parley's plain-HTTP address treated as a secure
 * context. (The remote agent adds its own "recommended" preferences: no updates, telemetry or
 * first-run pages.)
 */
final class FirefoxPrefs {

    private FirefoxPrefs() {}

    static String userJs(String secureHost) {
        Map<String, Object> prefs = new LinkedHashMap<>();
        // getUserMedia answers with Firefox's fake devices — the microphone is a 1 kHz tone — and
        // never asks: the counterpart of chromium's --use-fake-device-for-media-stream/--use-fake-ui-….
        prefs.put("media.navigator.streams.fake", true);
        prefs.put("media.navigator.permission.disabled", true);
        // Received audio plays, and AudioContexts run, without a user gesture
        // (chromium: --autoplay-policy=no-user-gesture-required).
        prefs.put("media.autoplay.default", 0);
        prefs.put("media.autoplay.blocking_policy", 0);
        prefs.put("media.autoplay.block-webaudio", false);
        // Parley is reached over plain HTTP on the veth address, not 127.0.0.1, and getUserMedia
        // needs a secure context (chromium: --unsafely-treat-insecure-origin-as-secure).
        prefs.put("dom.securecontext.allowlist", secureHost);
        // The page's console also goes to Firefox's output, which a failing test prints.
        prefs.put("devtools.console.stdout.content", true);
        StringBuilder js = new StringBuilder();
        prefs.forEach((name, value) -> js.append("user_pref(\"").append(name).append("\", ")
                .append(value instanceof String s ? "\"" + s + "\"" : value).append(");\n"));
        return js.toString();
    }
}
