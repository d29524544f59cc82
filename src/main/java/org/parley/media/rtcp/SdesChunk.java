package org.parley.media.rtcp;

/**
 * One chunk of an SDES packet, RFC 3550 §6.5: a source and, of its items, the CNAME (§6.5.1), which is
 * all the SFU needs (it ties a participant's SSRCs together). Other items are skipped.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    SC   |  PT=SDES=202  |             length            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                          SSRC/CSRC_1                          |  chunk 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    CNAME=1    |     length    | user and domain name        ...  items, ended by a
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+  null octet, padded
 * |      ...      |   0 (end)     |       0 padding to 32 bits    |  to 32 bits
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * </pre>
 *
 * @param cname the CNAME, or {@code null} if the chunk has none
 */
public record SdesChunk(int ssrc, String cname) {

    /** RFC 3550 §6.5: item types. */
    static final int END = 0;
    static final int CNAME = 1;
}
