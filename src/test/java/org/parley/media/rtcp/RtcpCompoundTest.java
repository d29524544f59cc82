package org.parley.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RtcpCompoundTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int i = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, i, p.length);
            i += p.length;
        }
        return out;
    }

    // SR with one report block, as a browser sends it; then SDES with a 16-byte CNAME.
    static final byte[] SR = hex("81 c8 000c cafebabe e9a1b2c3 40000000 00012345 00000064 00001f40"
            + "11223344 05 000010 00010203 00000020 a1b2c340 00010000");
    static final byte[] SDES = hex("81 ca 0006 cafebabe 01 10 6162636465666768696a6b6c6d6e6f70 00 00");
    static final byte[] BROWSER_COMPOUND = concat(SR, SDES);

    final RtcpCompound rtcp = new RtcpCompound();

    @Test
    void a_browser_sender_report_with_sdes_reads_every_field() {
        assertThat(rtcp.wrap(BROWSER_COMPOUND, 0, BROWSER_COMPOUND.length)).isNull();

        assertThat(rtcp.next()).isTrue();
        assertThat(rtcp.packetType()).isEqualTo(RtcpPacketType.SR);
        assertThat(rtcp.packetLength()).isEqualTo(52);
        SenderReport sr = rtcp.senderReport();
        assertThat(sr.senderSsrc()).isEqualTo(0xcafebabe);
        assertThat(sr.ntpTimestamp()).isEqualTo(0xe9a1b2c3_40000000L);
        assertThat(sr.compactNtp()).isEqualTo(0xb2c34000L);
        assertThat(sr.rtpTimestamp()).isEqualTo(0x12345);
        assertThat(sr.packetCount()).isEqualTo(100);
        assertThat(sr.octetCount()).isEqualTo(8000);
        assertThat(sr.reports()).containsExactly(
                new ReportBlock(0x11223344, 5, 16, 0x10203, 0x20, 0xa1b2c340L, 0x10000));
        assertThat(rtcp.receiverReport()).isNull();

        assertThat(rtcp.next()).isTrue();
        assertThat(rtcp.packetType()).isEqualTo(RtcpPacketType.SDES);
        assertThat(rtcp.sdes()).containsExactly(new SdesChunk(0xcafebabe, "abcdefghijklmnop"));
        assertThat(rtcp.senderReport()).isNull();

        assertThat(rtcp.next()).isFalse();
        rtcp.rewind();
        assertThat(rtcp.next()).isTrue();
        assertThat(rtcp.firstSsrc()).isEqualTo(0xcafebabe);
    }

    @Test
    void sdes_chunks_skip_other_items_and_may_lack_a_cname() {
        // Two chunks: (ssrc 1: NAME "ab", CNAME "x") and (ssrc 2: no items).
        byte[] p = hex("82 ca 0005 00000001 02 02 6162 01 01 78 00 00000002 00000000");

        assertThat(rtcp.wrap(p, 0, p.length)).isNull();
        rtcp.next();

        assertThat(rtcp.sdes()).containsExactly(new SdesChunk(1, "x"), new SdesChunk(2, null));
    }

    @Test
    void a_bye_lists_its_sources_and_reason() {
        byte[] p = hex("82 cb 0004 00000001 00000002 07 676f6f64627965");

        assertThat(rtcp.wrap(p, 0, p.length)).isNull();
        rtcp.next();

        assertThat(rtcp.bye()).isEqualTo(new Bye(List.of(1, 2), "goodbye"));
    }

    @Test
    void feedback_messages_are_recognised_so_the_pipeline_can_pass_or_drop_them() {
        byte[] nack = hex("81 cd 0003 00000001 00000002 0064 0005");
        byte[] pli = hex("81 ce 0002 00000001 00000002");
        byte[] remb = hex("8f ce 0005 00000001 00000000 52454d42 01 0a1234 00000003");
        byte[] twcc = hex("8f cd 0004 00000001 00000002 00010002 20020000");
        byte[] compound = concat(nack, pli, remb, twcc);

        assertThat(rtcp.wrap(compound, 0, compound.length)).isNull();

        rtcp.next();
        Feedback f = rtcp.feedback();
        assertThat(f.kind()).isEqualTo(FeedbackKind.GENERIC_NACK);
        assertThat(f.kind().forwardToSender()).isTrue();
        assertThat(f.senderSsrc()).isEqualTo(1);
        assertThat(f.mediaSsrc()).isEqualTo(2);
        assertThat(f.fciOffset()).isEqualTo(12);
        assertThat(f.fciLength()).isEqualTo(4);
        rtcp.next();
        assertThat(rtcp.feedback().kind()).isEqualTo(FeedbackKind.PLI);
        assertThat(rtcp.feedback().kind().forwardToSender()).isFalse();
        rtcp.next();
        assertThat(rtcp.feedback().kind()).isEqualTo(FeedbackKind.APPLICATION);
        rtcp.next();
        assertThat(rtcp.feedback().kind()).isEqualTo(FeedbackKind.TRANSPORT_CC);
        assertThat(rtcp.next()).isFalse();
    }

    @Test
    void a_reduced_size_packet_without_sr_or_rr_is_accepted() {
        byte[] pli = hex("81 ce 0002 00000001 00000002");

        assertThat(rtcp.wrap(pli, 0, pli.length)).isNull();
    }

    @Test
    void padding_on_the_last_packet_is_excluded_from_its_length() {
        byte[] rr = hex("a0 c9 0002 00000001 00000004");

        assertThat(rtcp.wrap(rr, 0, rr.length)).isNull();
        rtcp.next();

        assertThat(rtcp.packetLength()).isEqualTo(8);
        assertThat(rtcp.receiverReport()).isEqualTo(new ReceiverReport(1, List.of()));
    }

    @Test
    void each_malformation_is_rejected_with_its_own_reason() {
        assertThat(rtcp.wrap(hex("81 c9 00"), 0, 3)).isEqualTo(RtcpDropReason.TOO_SHORT);
        byte[] trailing = concat(SR, hex("8100"));
        assertThat(rtcp.wrap(trailing, 0, trailing.length)).isEqualTo(RtcpDropReason.TOO_SHORT);
        assertThat(rtcp.wrap(hex("41 c9 0001 00000001"), 0, 8)).isEqualTo(RtcpDropReason.BAD_VERSION);
        assertThat(rtcp.wrap(hex("80 c9 0002 00000001"), 0, 8)).isEqualTo(RtcpDropReason.LENGTH_OVERRUN);
        byte[] padFirst = concat(hex("a0 c9 0001 00000001"), SDES);
        assertThat(rtcp.wrap(padFirst, 0, padFirst.length)).isEqualTo(RtcpDropReason.PADDING_NOT_LAST);
        assertThat(rtcp.wrap(hex("a0 c9 0001 00000000"), 0, 8)).isEqualTo(RtcpDropReason.BAD_PADDING);
        assertThat(rtcp.wrap(hex("a0 c9 0001 00000009"), 0, 8)).isEqualTo(RtcpDropReason.BAD_PADDING);
        byte[] twoBlocksClaimed = SR.clone();
        twoBlocksClaimed[0] = (byte) 0x82;
        assertThat(rtcp.wrap(twoBlocksClaimed, 0, twoBlocksClaimed.length)).isEqualTo(RtcpDropReason.REPORT_OVERRUN);
        assertThat(rtcp.wrap(hex("81 c9 0001 00000001"), 0, 8)).isEqualTo(RtcpDropReason.REPORT_OVERRUN);
        assertThat(rtcp.wrap(hex("81 ca 0002 00000001 01 09 6162"), 0, 12)).isEqualTo(RtcpDropReason.BAD_SDES);
        assertThat(rtcp.wrap(hex("81 ca 0001 00000001"), 0, 8)).isEqualTo(RtcpDropReason.BAD_SDES);
        assertThat(rtcp.wrap(hex("83 cb 0002 00000001 00000002"), 0, 12)).isEqualTo(RtcpDropReason.BAD_BYE);
        assertThat(rtcp.wrap(hex("81 cb 0002 00000001 05 616263"), 0, 12)).isEqualTo(RtcpDropReason.BAD_BYE);
        assertThat(rtcp.wrap(hex("81 cd 0001 00000001"), 0, 8)).isEqualTo(RtcpDropReason.FEEDBACK_TOO_SHORT);
        assertThat(rtcp.wrap(SR, 10, SR.length)).isEqualTo(RtcpDropReason.BAD_BOUNDS);
        assertThat(rtcp.next()).isFalse();
    }

    @Test
    void app_and_xr_packets_are_framed_but_not_interpreted() {
        byte[] app = hex("80 cc 0002 00000001 6e616d65");
        byte[] xr = hex("80 cf 0001 00000001");
        byte[] compound = concat(app, xr);

        assertThat(rtcp.wrap(compound, 0, compound.length)).isNull();
        rtcp.next();
        assertThat(rtcp.packetType()).isEqualTo(RtcpPacketType.APP);
        assertThat(rtcp.feedback()).isNull();
        rtcp.next();
        assertThat(rtcp.packetType()).isEqualTo(RtcpPacketType.XR);
    }

    @Test
    void rtcp_is_told_apart_from_rtp_on_a_muxed_port_by_its_second_byte() {
        assertThat(RtcpPacketType.isRtcp(SR, 0, SR.length)).isTrue();
        assertThat(RtcpPacketType.isRtcp(hex("80 6f 0001"), 0, 4)).isFalse();
        assertThat(RtcpPacketType.isRtcp(hex("80 ef 0001"), 0, 4)).isFalse(); // PT 111 with marker
        assertThat(RtcpPacketType.isRtcp(hex("80"), 0, 1)).isFalse();
    }
}
