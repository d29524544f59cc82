package org.parley.media.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * SDP text split into its session section and media sections (RFC 8866 §5): each line is
 * {@code <type>=<value>} with a lower-case letter type; a media section runs from its {@code m=} line
 * to the next. Attributes ({@code a=name[:value]}) are kept in order; other lines are only checked.
 * Not thread-safe: one instance reads one offer.
 */
final class SdpSections {

    /** The attributes of the session section or of one media section. */
    static final class Section {
        private final String mediaLine;
        private final List<String> names = new ArrayList<>();
        private final List<String> values = new ArrayList<>();

        Section(String mediaLine) {
            this.mediaLine = mediaLine;
        }

        /** The value of the m= line; empty for the session section. */
        String mediaLine() {
            return mediaLine;
        }

        /** Whether an attribute of that name is present, with or without a value. */
        boolean has(String name) {
            return names.contains(name);
        }

        /** The values of the attributes of that name that have one ({@code a=name:value}), in order. */
        List<String> values(String name) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equals(name) && values.get(i) != null) {
                    out.add(values.get(i));
                }
            }
            return out;
        }

        private void add(String name, String value) {
            names.add(name);
            values.add(value);
        }
    }

    private final Section session = new Section("");
    private final List<Section> media = new ArrayList<>();
    private String failureDetail = "";

    Section session() {
        return session;
    }

    List<Section> media() {
        return media;
    }

    String failureDetail() {
        return failureDetail;
    }

    /** Reads the text; null when it is well formed, else the reason (and {@link #failureDetail()}). */
    SdpRejectReason read(String sdp) {
        // RFC 8866 §5: lines end in CRLF, but parsers should also accept a bare LF.
        String[] lines = sdp.split("\n", -1);
        Section current = session;
        boolean started = false;
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                continue; // the empty tail after the last CRLF; blank lines carry nothing
            }
            if (!wellFormed(line)) {
                failureDetail = "line " + number;
                return SdpRejectReason.MALFORMED_LINE;
            }
            if (!started && !line.equals("v=0")) {
                failureDetail = "line " + number;
                return SdpRejectReason.BAD_VERSION;
            }
            started = true;
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                if (media.size() == OfferParser.MAX_MEDIA) {
                    failureDetail = "line " + number;
                    return SdpRejectReason.TOO_MANY_MEDIA;
                }
                current = new Section(value);
                media.add(current);
            } else if (type == 'a') {
                int colon = value.indexOf(':');
                String name = colon < 0 ? value : value.substring(0, colon);
                if (!OfferParser.isToken(name, 64)) {
                    failureDetail = "line " + number;
                    return SdpRejectReason.MALFORMED_LINE;
                }
                current.add(name, colon < 0 ? null : value.substring(colon + 1));
            }
        }
        return null;
    }

    /** {@code <letter>=<value>} with no control characters (a stray CR or NUL is garbage). */
    private static boolean wellFormed(String line) {
        if (line.length() < 2 || line.charAt(0) < 'a' || line.charAt(0) > 'z' || line.charAt(1) != '=') {
            return false;
        }
        for (int i = 2; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }
}
