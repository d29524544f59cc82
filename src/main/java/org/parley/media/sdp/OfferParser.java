package org.parley.media.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.parley.media.dtls.DtlsFingerprint;
import org.parley.media.ice.IceCredentials;

/**
 * Parses a browser's SDP offer (RFC 8866 syntax, RFC 8829 JSEP content) into a {@link MediaOffer}.
 * The text is untrusted: every failure is a {@link OfferParseResult} with a reason, never an
 * exception, and the work is bounded by {@link #MAX_LENGTH} and {@link #MAX_MEDIA}.
 *
 * <pre>
 *   v=0                                   session section: up to the first m=
 *   o=- 4611731400430051336 2 IN IP4 127.0.0.1
 *   a=group:BUNDLE 0 1 2 3                RFC 8843: one transport for every accepted mid
 *   m=audio 9 UDP/TLS/RTP/SAVPF 111 63 …  media section 0: the upstream transceiver
 *   a=ice-ufrag:… a=ice-pwd:…             RFC 8839 §5.4 (media- or session-level)
 *   a=fingerprint:sha-256 …  a=setup:actpass    RFC 8122, RFC 8842 §5
 *   a=mid:0  a=sendrecv  a=rtcp-mux  a=rtpmap:111 opus/48000/2  a=extmap:1 urn:…:ssrc-audio-level
 *   m=audio 9 UDP/TLS/RTP/SAVPF 111 …     media sections 1..N: receive slots (recvonly)
 * </pre>
 */
public final class OfferParser {

    /** Chrome's 4-transceiver audio offer is ~4 KB; 64 KiB leaves room and bounds the work. */
    static final int MAX_LENGTH = 64 * 1024;
    /** Far above the handful of m-lines a Parley client makes; caps the per-m-line work. */
    static final int MAX_MEDIA = 200;

    static final String DTLS_SRTP_PROTOCOL = "UDP/TLS/RTP/SAVPF";
    /** RFC 6464 §4: the client-to-mixer audio level header extension. */
    static final String AUDIO_LEVEL_URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    static final int MAX_MID_LENGTH = 32;

    private OfferParser() {}

    /** Parses an offer; never throws. */
    public static OfferParseResult parse(String sdp) {
        if (sdp == null || sdp.isBlank()) {
            return OfferParseResult.reject(SdpRejectReason.EMPTY, "");
        }
        if (sdp.length() > MAX_LENGTH) {
            return OfferParseResult.reject(SdpRejectReason.TOO_LONG, sdp.length() + " characters");
        }
        SdpSections sections = new SdpSections();
        SdpRejectReason split = sections.read(sdp);
        if (split != null) {
            return OfferParseResult.reject(split, sections.failureDetail());
        }
        return interpret(sections);
    }

    private static OfferParseResult interpret(SdpSections sections) {
        List<OfferedMedia> media = new ArrayList<>();
        for (int i = 0; i < sections.media().size(); i++) {
            SdpSections.Section section = sections.media().get(i);
            Reading<OfferedMedia> reading = readMedia(i, section);
            if (reading.reason != null) {
                return OfferParseResult.reject(reading.reason, reading.detail);
            }
            media.add(reading.value);
        }
        if (media.stream().noneMatch(m -> m.type().equals("audio"))) {
            return OfferParseResult.reject(SdpRejectReason.NO_AUDIO, media.size() + " m-lines");
        }
        if (!media.get(0).accepted()) {
            return OfferParseResult.reject(SdpRejectReason.UPSTREAM_NOT_OPUS, "m-line 0 is " + media.get(0).type());
        }
        OfferParseResult bundle = checkBundle(sections, media);
        if (bundle != null) {
            return bundle;
        }
        // The transport attributes apply to the whole BUNDLE group; they are read from the first
        // m-line (the offerer's BUNDLE tag, RFC 8843 §7.2) and fall back to session level.
        SdpSections.Section session = sections.session();
        SdpSections.Section upstream = sections.media().get(0);
        Reading<String> ufrag = single(upstream, session, "ice-ufrag");
        Reading<String> pwd = single(upstream, session, "ice-pwd");
        Reading<String> setup = single(upstream, session, "setup");
        for (Reading<String> reading : List.of(ufrag, pwd, setup)) {
            if (reading.reason != null) {
                return OfferParseResult.reject(reading.reason, reading.detail);
            }
        }
        if (ufrag.value == null || pwd.value == null) {
            return OfferParseResult.reject(SdpRejectReason.MISSING_ICE_CREDENTIALS, "");
        }
        IceCredentials credentials;
        try {
            credentials = new IceCredentials(ufrag.value, pwd.value);
        } catch (IllegalArgumentException invalid) {
            return OfferParseResult.reject(SdpRejectReason.BAD_ICE_CREDENTIALS, "");
        }
        List<String> fingerprintValues = upstream.values("fingerprint");
        if (fingerprintValues.isEmpty()) {
            fingerprintValues = session.values("fingerprint");
        }
        if (fingerprintValues.isEmpty()) {
            return OfferParseResult.reject(SdpRejectReason.MISSING_FINGERPRINT, "");
        }
        List<DtlsFingerprint> fingerprints = new ArrayList<>();
        for (String value : fingerprintValues) {
            Optional<DtlsFingerprint> fingerprint = DtlsFingerprint.parse(value);
            if (fingerprint.isEmpty()) {
                return OfferParseResult.reject(SdpRejectReason.BAD_FINGERPRINT, "");
            }
            fingerprints.add(fingerprint.get());
        }
        Optional<SetupRole> role = setup.value == null ? Optional.empty() : SetupRole.fromAttribute(setup.value);
        if (role.isEmpty()) {
            return OfferParseResult.reject(SdpRejectReason.BAD_SETUP, setup.value == null ? "missing" : "not actpass/active");
        }
        return OfferParseResult.ok(new MediaOffer(credentials, fingerprints, role.get(), media));
    }

    /** RFC 8843: we answer with one BUNDLE group and rtcp-mux, so the offer must allow both. */
    private static OfferParseResult checkBundle(SdpSections sections, List<OfferedMedia> media) {
        Set<String> mids = new HashSet<>();
        for (OfferedMedia m : media) {
            if (m.accepted() && !isToken(m.mid(), MAX_MID_LENGTH)) {
                return OfferParseResult.reject(SdpRejectReason.BAD_MID, "m-line " + m.index());
            }
            if (!m.mid().isEmpty() && !mids.add(m.mid())) {
                return OfferParseResult.reject(SdpRejectReason.DUPLICATE_MID, "m-line " + m.index());
            }
            if (m.accepted() && !sections.media().get(m.index()).has("rtcp-mux")) {
                return OfferParseResult.reject(SdpRejectReason.NO_RTCP_MUX, "m-line " + m.index());
            }
        }
        List<String> accepted = media.stream().filter(OfferedMedia::accepted).map(OfferedMedia::mid).toList();
        for (String group : sections.session().values("group")) {
            List<String> tokens = List.of(group.split(" +"));
            if (!tokens.isEmpty() && tokens.get(0).equals("BUNDLE") && tokens.subList(1, tokens.size()).containsAll(accepted)) {
                return null;
            }
        }
        return OfferParseResult.reject(SdpRejectReason.NOT_BUNDLED, "");
    }

    private static Reading<OfferedMedia> readMedia(int index, SdpSections.Section section) {
        String where = "m-line " + index;
        // RFC 8866 §5.14: m=<media> <port>[/<number of ports>] <proto> <fmt> ...
        String[] fields = section.mediaLine().split(" ");
        if (fields.length < 4) {
            return Reading.reject(SdpRejectReason.BAD_MEDIA_LINE, where);
        }
        for (String field : fields) {
            if (!isToken(field, 64)) {
                return Reading.reject(SdpRejectReason.BAD_MEDIA_LINE, where);
            }
        }
        int port = parsePort(fields[1]);
        if (port < 0) {
            return Reading.reject(SdpRejectReason.BAD_MEDIA_LINE, where);
        }
        List<String> formats = List.of(fields).subList(3, fields.length);
        Reading<String> mid = single(section, null, "mid");
        if (mid.reason != null) {
            return Reading.reject(mid.reason, where);
        }
        MediaDirection direction = MediaDirection.SENDRECV;
        int directions = 0;
        for (MediaDirection candidate : MediaDirection.values()) {
            if (section.has(candidate.toSdp())) {
                direction = candidate;
                directions++;
            }
        }
        if (directions > 1) {
            return Reading.reject(SdpRejectReason.BAD_DIRECTION, where);
        }
        int opus = opusPayloadType(section, formats);
        // RFC 8843 §6: port 0 with a=bundle-only is a live m-line sharing the BUNDLE transport.
        boolean live = port != 0 || section.has("bundle-only");
        boolean accepted = fields[0].equals("audio") && fields[2].equals(DTLS_SRTP_PROTOCOL) && opus >= 0 && live;
        return Reading.ok(new OfferedMedia(index, fields[0], fields[2], formats, mid.value == null ? "" : mid.value,
                direction, opus, audioLevelId(section), firstSsrc(section), accepted));
    }

    /** RFC 7587 §7: Opus is always {@code opus/48000/2}; the payload type is dynamic and must be listed. */
    private static int opusPayloadType(SdpSections.Section section, List<String> formats) {
        for (String rtpmap : section.values("rtpmap")) {
            int space = rtpmap.indexOf(' ');
            if (space > 0 && rtpmap.substring(space + 1).strip().toLowerCase(Locale.ROOT).equals("opus/48000/2")) {
                int pt = parseInt(rtpmap.substring(0, space), 127);
                if (pt >= 0 && formats.contains(rtpmap.substring(0, space))) {
                    return pt;
                }
            }
        }
        return -1;
    }

    /** RFC 8285 §8: a=extmap:&lt;id&gt;[/&lt;direction&gt;] &lt;uri&gt; [&lt;attributes&gt;]; ids 1-14 and 16-255. */
    private static OptionalInt audioLevelId(SdpSections.Section section) {
        for (String extmap : section.values("extmap")) {
            String[] parts = extmap.split(" +");
            if (parts.length >= 2 && parts[1].equals(AUDIO_LEVEL_URI)) {
                int slash = parts[0].indexOf('/');
                int id = parseInt(slash < 0 ? parts[0] : parts[0].substring(0, slash), 255);
                if (id >= 1 && id != 15) {
                    return OptionalInt.of(id);
                }
            }
        }
        return OptionalInt.empty();
    }

    /** RFC 5576 §4.1: a=ssrc:&lt;ssrc-id&gt; &lt;attribute&gt;[:&lt;value&gt;], ssrc-id a 32-bit unsigned integer. */
    private static OptionalLong firstSsrc(SdpSections.Section section) {
        for (String ssrc : section.values("ssrc")) {
            int space = ssrc.indexOf(' ');
            String id = space < 0 ? ssrc : ssrc.substring(0, space);
            if (!id.isEmpty() && id.length() <= 10 && id.chars().allMatch(c -> c >= '0' && c <= '9')) {
                long value = Long.parseLong(id);
                if (value <= 0xFFFF_FFFFL) {
                    return OptionalLong.of(value);
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The one value of an attribute, media-level first; two different values are a conflict. */
    private static Reading<String> single(SdpSections.Section media, SdpSections.Section session, String name) {
        List<String> values = media.values(name);
        if (values.isEmpty() && session != null) {
            values = session.values(name);
        }
        if (values.stream().distinct().count() > 1) {
            return Reading.reject(SdpRejectReason.CONFLICTING_ATTRIBUTE, "a=" + name);
        }
        return Reading.ok(values.isEmpty() ? null : values.get(0));
    }

    private static int parsePort(String field) {
        int slash = field.indexOf('/');
        return parseInt(slash < 0 ? field : field.substring(0, slash), 65535);
    }

    /** A decimal in 0..max, or -1. */
    static int parseInt(String text, int max) {
        if (text.isEmpty() || text.length() > 5) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= max ? value : -1;
    }

    /** RFC 8866 §9 token: visible ASCII except the separators SDP uses; 1..maxLength long. */
    static boolean isToken(String text, int maxLength) {
        if (text.isEmpty() || text.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 0x7f || "\"(),:;<=>?@[\\]".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private record Reading<T>(T value, SdpRejectReason reason, String detail) {
        static <T> Reading<T> ok(T value) {
            return new Reading<>(value, null, "");
        }

        static <T> Reading<T> reject(SdpRejectReason reason, String detail) {
            return new Reading<>(null, reason, detail);
        }
    }
}
