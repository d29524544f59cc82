package org.parley.web;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * axe-core's accessibility rules run in the page (the script comes from the test classpath, see
 * docs/decisions.md): the WCAG 2.1 A and AA rules on one part of the page. The page's context must
 * bypass the Content-Security-Policy, which rightly refuses inline scripts.
 */
final class Axe {

    private static final String SCRIPT = load();

    private Axe() {}

    /** Violations inside the elements matching {@code selector}, as "rule: target" lines; empty when clean. */
    @SuppressWarnings("unchecked")
    static List<String> violations(Page page, String selector) {
        if (!(Boolean) page.evaluate("() => typeof window.axe === 'object'")) page.addScriptTag(new Page.AddScriptTagOptions().setContent(SCRIPT));
        var result = (List<Map<String, Object>>) page.evaluate("""
                async (selector) => {
                  const found = await axe.run({ include: [[selector]] },
                    { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
                  return found.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')).join(', '),
                    help: v.help }));
                }""", selector);
        List<String> lines = new ArrayList<>();
        for (var v : result) lines.add(v.get("id") + ": " + v.get("help") + " at " + v.get("targets"));
        return lines;
    }

    /**
     * Every rule axe-core has that is not experimental, best practices included (e.g. "region": all
     * content inside landmarks), on the whole page; as "impact rule: help at targets" lines.
     */
    @SuppressWarnings("unchecked")
    static List<String> allViolations(Page page) {
        if (!(Boolean) page.evaluate("() => typeof window.axe === 'object'")) page.addScriptTag(new Page.AddScriptTagOptions().setContent(SCRIPT));
        var result = (List<Map<String, Object>>) page.evaluate("""
                async () => {
                  const found = await axe.run(document, { resultTypes: ['violations'] });
                  return found.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                    targets: v.nodes.map((n) => n.target.join(' ')).join(', ') }));
                }""");
        List<String> lines = new ArrayList<>();
        for (var v : result) lines.add(v.get("impact") + " " + v.get("id") + ": " + v.get("help") + " at " + v.get("targets"));
        return lines;
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) throw new IllegalStateException("axe.min.js is not on the test classpath (pom.xml)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
