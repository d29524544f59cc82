package org.parley.loadtest;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Opus packets out of an Ogg Opus file (RFC 7845) so speakers can send real Opus. Only what
 * a load test needs: one logical stream, pages checked (capture pattern, version, CRC), packets
 * reassembled from their lacing values, the {@code OpusHead} and {@code OpusTags} headers skipped, and
 * every audio packet required to last exactly 20 ms (the speakers send one packet per 20 ms tick).
 *
 * <pre>
 *  RFC 3533 §6, one page:
 *   0       4    5      6             14        18        22    26   27
 *  +-------+----+------+-------------+---------+---------+-----+----+----------------+--------+
 *  | OggS  | v0 | type | granule (8) | serial  | page no | CRC | n  | n lacing bytes | data   |
 *  +-------+----+------+-------------+---------+---------+-----+----+----------------+--------+
 *  a packet is a run of lacing values of 255 ended by one below 255 (it may continue on the next page)
 * </pre>
 */
final class OggOpusReader {

    /** Why a file cannot be used; the message names the problem for the operator. */
    static final class BadOpusFile extends Exception {
        BadOpusFile(String message) {
            super(message);
        }
    }

    private static final int PAGE_HEADER = 27;
    private static final int[] CRC_TABLE = crcTable();

    private OggOpusReader() {}

    /** The audio packets of {@code file}, in order; never empty. */
    static List<byte[]> packets(byte[] file) throws BadOpusFile {
        List<byte[]> all = new ArrayList<>();
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        int serial = 0;
        int pos = 0;
        while (pos < file.length) {
            if (file.length - pos < 4 || file[pos] != 'O' || file[pos + 1] != 'g' || file[pos + 2] != 'g' || file[pos + 3] != 'S') {
                throw new BadOpusFile(pos == 0 ? "not an Ogg file (no OggS capture pattern)"
                        : "truncated or damaged Ogg file (no OggS capture pattern at byte " + pos + ")");
            }
            if (file.length - pos < PAGE_HEADER) {
                throw new BadOpusFile("truncated Ogg page header at byte " + pos);
            }
            if (file[pos + 4] != 0) {
                throw new BadOpusFile("unsupported Ogg version " + file[pos + 4]);
            }
            int pageSerial = le32(file, pos + 14);
            if (pos == 0) {
                serial = pageSerial;
            } else if (pageSerial != serial) {
                throw new BadOpusFile("more than one logical stream; use a plain Opus file");
            }
            int segments = file[pos + 26] & 0xff;
            int dataStart = pos + PAGE_HEADER + segments;
            if (dataStart > file.length) {
                throw new BadOpusFile("truncated Ogg segment table at byte " + pos);
            }
            int dataLength = 0;
            for (int i = 0; i < segments; i++) {
                dataLength += file[pos + PAGE_HEADER + i] & 0xff;
            }
            int pageEnd = dataStart + dataLength;
            if (pageEnd > file.length) {
                throw new BadOpusFile("truncated Ogg page at byte " + pos);
            }
            if (crc(file, pos, pageEnd - pos) != le32(file, pos + 22)) {
                throw new BadOpusFile("Ogg page CRC mismatch at byte " + pos);
            }
            int at = dataStart;
            for (int i = 0; i < segments; i++) {
                int lace = file[pos + PAGE_HEADER + i] & 0xff;
                partial.write(file, at, lace);
                at += lace;
                if (lace < 255) {
                    all.add(partial.toByteArray());
                    partial.reset();
                }
            }
            pos = pageEnd;
        }
        // RFC 7845 §3: packet 0 is OpusHead, packet 1 OpusTags, audio follows.
        if (all.size() < 3 || !startsWith(all.get(0), "OpusHead") || !startsWith(all.get(1), "OpusTags")) {
            throw new BadOpusFile("not an Ogg Opus file (no OpusHead/OpusTags headers, or no audio)");
        }
        List<byte[]> audio = all.subList(2, all.size());
        for (int i = 0; i < audio.size(); i++) {
            int micros = durationMicros(audio.get(i));
            if (micros != 20_000) {
                throw new BadOpusFile("audio packet " + i + " lasts " + (micros / 1000.0)
                        + " ms; the load test sends 20 ms packets (encode with opusenc --framesize 20)");
            }
        }
        return List.copyOf(audio);
    }

    /**
     * RFC 6716 §3.1: the TOC byte's config gives the frame size, its code the number of frames; -1 for
     * a malformed packet.
     */
    static int durationMicros(byte[] packet) {
        if (packet.length == 0) {
            return -1;
        }
        int toc = packet[0] & 0xff;
        int config = toc >>> 3;
        int frameMicros;
        if (config < 12) {
            frameMicros = new int[] {10_000, 20_000, 40_000, 60_000}[config & 3]; // SILK
        } else if (config < 16) {
            frameMicros = (config & 1) == 0 ? 10_000 : 20_000; // hybrid
        } else {
            frameMicros = new int[] {2_500, 5_000, 10_000, 20_000}[config & 3]; // CELT
        }
        int frames = switch (toc & 3) {
            case 0 -> 1;
            case 1, 2 -> 2;
            default -> packet.length < 2 ? -1 : packet[1] & 0x3f;
        };
        return frames <= 0 ? -1 : frames * frameMicros;
    }

    private static boolean startsWith(byte[] packet, String magic) {
        if (packet.length < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (packet[i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    /** RFC 3533 §6: CRC-32, polynomial 0x04c11db7, initial 0, not reflected, over the page with its CRC field zeroed. */
    private static int crc(byte[] b, int off, int len) {
        int crc = 0;
        for (int i = 0; i < len; i++) {
            int value = i >= 22 && i < 26 ? 0 : b[off + i] & 0xff;
            crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ value) & 0xff];
        }
        return crc;
    }

    private static int[] crcTable() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int k = 0; k < 8; k++) {
                r = (r & 0x8000_0000) != 0 ? (r << 1) ^ 0x04c1_1db7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }
}
