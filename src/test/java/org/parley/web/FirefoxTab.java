package org.parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One Firefox tab (a BiDi browsing context): navigation, script, and the few Playwright-like helpers
 * the Firefox test needs — wait for a condition, click, fill a field. Scripts run in the page's own
 * realm, so they see the web client's globals ({@code window.__parleyAudio}).
 */
final class FirefoxTab {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(100);

    private final BiDi bidi;
    private final String context;
    private final List<JsonNode> logEntries;

    FirefoxTab(BiDi bidi, String context, List<JsonNode> logEntries) {
        this.bidi = bidi;
        this.context = context;
        this.logEntries = logEntries;
    }

    /** Loads {@code url} and waits for the page's load event. */
    void navigate(String url) {
        bidi.send("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete"));
    }

    /** Evaluates {@code expression} (promises awaited) and returns its value: a string, number, boolean or null. */
    JsonNode evaluate(String expression) {
        return value(bidi.send("script.evaluate", Map.of("expression", expression, "target", Map.of("context", context),
                "awaitPromise", true, "resultOwnership", "none")), expression);
    }

    /** Like {@link #evaluate}, as if the user had just clicked (user activation: playing media, a microphone). */
    JsonNode evaluateAsUser(String expression) {
        return value(bidi.send("script.evaluate", Map.of("expression", expression, "target", Map.of("context", context),
                "awaitPromise", true, "resultOwnership", "none", "userActivation", true)), expression);
    }

    /** Calls {@code function} (an {@code async (…) => …} declaration) with string or number arguments. */
    JsonNode call(String function, Object... args) {
        List<Map<String, Object>> arguments = Arrays.stream(args)
                .map(a -> Map.<String, Object>of("type", a instanceof String ? "string" : "number", "value", a)).toList();
        return value(bidi.send("script.callFunction", Map.of("functionDeclaration", function, "arguments", arguments,
                "target", Map.of("context", context), "awaitPromise", true, "resultOwnership", "none")), function);
    }

    /** Waits until {@code expression} is truthy; fails after {@code within}, saying what it waited for. */
    void waitFor(String expression, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        String check = "(() => { try { return !!(" + expression + "); } catch (e) { return false; } })()";
        while (!evaluate(check).asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Firefox: " + what + " not within " + within + " (" + expression + ") at "
                        + evaluate("location.href").asText() + "; console: " + logEntries);
            }
            BiDi.sleep(POLL.toMillis());
        }
    }

    /** Clicks the element {@code selector} matches, once it is there and visible, as the user would. */
    void click(String selector) {
        waitFor(visible(selector), Duration.ofSeconds(15), selector + " visible");
        evaluateAsUser("document.querySelector(" + quote(selector) + ").click()");
    }

    /** Types {@code text} into the field {@code selector} matches (its value, then an input event). */
    void fill(String selector, String text) {
        waitFor(visible(selector), Duration.ofSeconds(15), selector + " visible");
        evaluateAsUser("(() => { const e = document.querySelector(" + quote(selector) + "); e.focus(); e.value = "
                + quote(text) + "; e.dispatchEvent(new Event('input', { bubbles: true })); })()");
    }

    /** An expression: the element exists and takes up space on the page. */
    static String visible(String selector) {
        return "document.querySelector(" + quote(selector) + ")?.getClientRects().length > 0";
    }

    /** A JavaScript string literal. */
    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode value(JsonNode result, String script) {
        if ("exception".equals(result.path("type").asText())) {
            throw new AssertionError("Firefox: script threw " + result.path("exceptionDetails").path("text").asText()
                    + " in " + script);
        }
        JsonNode remote = result.path("result");
        return switch (remote.path("type").asText()) {
            case "string" -> TextNode.valueOf(remote.path("value").asText());
            case "boolean" -> BooleanNode.valueOf(remote.path("value").asBoolean());
            case "number" -> remote.path("value");
            default -> NullNode.getInstance();
        };
    }

    /** A script's JSON.stringify'd result, parsed. */
    static JsonNode parseJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
