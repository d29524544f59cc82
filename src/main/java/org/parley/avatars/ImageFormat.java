package org.parley.avatars;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What an upload is, told from its first bytes (magic numbers), never from the file name or the
 * request's Content-Type. Only {@link #JPEG}, {@link #PNG} and {@link #WEBP} are decoded; the others
 * are recognised so that the refusal can say "unsupported format" rather than "not an image".
 */
enum ImageFormat {
    JPEG("jpeg"), PNG("png"), WEBP("webp"), OTHER_IMAGE(null), UNKNOWN(null);

    /** The ImageIO format name of a decodable format, else {@code null}. */
    final String readerName;

    ImageFormat(String readerName) {
        this.readerName = readerName;
    }

    boolean decodable() {
        return readerName != null;
    }

    static ImageFormat sniff(byte[] b) {
        if (starts(b, 0, 0xFF, 0xD8, 0xFF)) {
            return JPEG; // SOI then the first marker (ITU T.81 B.1.1.2)
        }
        if (starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return PNG; // PNG signature (RFC 2083 §3.1)
        }
        if (ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")) {
            return WEBP; // RIFF container with the WEBP form type (RFC 9649 §2.4)
        }
        if (ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a") || ascii(b, 0, "BM")
                || starts(b, 0, 'I', 'I', 42, 0) || starts(b, 0, 'M', 'M', 0, 42) // TIFF, both byte orders
                || starts(b, 0, 0, 0, 1, 0) // ICO
                || isoMedia(b) || svg(b)) {
            return OTHER_IMAGE;
        }
        return UNKNOWN;
    }

    /** HEIC/HEIF/AVIF: an ISO base media file whose {@code ftyp} box names an image brand. */
    private static boolean isoMedia(byte[] b) {
        if (!ascii(b, 4, "ftyp") || b.length < 12) {
            return false;
        }
        String brand = new String(b, 8, 4, StandardCharsets.US_ASCII);
        return Arrays.asList("heic", "heix", "hevc", "heim", "heis", "mif1", "msf1", "avif", "avis").contains(brand);
    }

    private static boolean svg(byte[] b) {
        String head = new String(b, 0, Math.min(b.length, 256), StandardCharsets.ISO_8859_1).stripLeading();
        return head.startsWith("<svg") || (head.startsWith("<?xml") && head.contains("<svg"));
    }

    private static boolean ascii(byte[] b, int at, String text) {
        return starts(b, at, text.chars().toArray());
    }

    private static boolean starts(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[at + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
