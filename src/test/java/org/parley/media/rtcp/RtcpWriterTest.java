package org.parley.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RtcpWriterTest {

    final RtcpCompound rtcp = new RtcpCompound();

    @Test
    void an_sfu_compound_of_rr_and_sdes_parses_back() {
        byte[] buf = new byte[200];
        ReportBlock block = new ReportBlock(0x11223344, 25, -3, 0x1_0005L, 120, 0xb2c34000L, 98304);
        int n = RtcpWriter.writeReceiverReport(buf, 0, 0xabcdef01, List.of(block));
        n += RtcpWriter.writeSdesCname(buf, n, 0xabcdef01, "parley-sfu");

        assertThat(rtcp.wrap(buf, 0, n)).isNull();
        rtcp.next();
        assertThat(rtcp.receiverReport()).isEqualTo(new ReceiverReport(0xabcdef01, List.of(block)));
        rtcp.next();
        assertThat(rtcp.sdes()).containsExactly(new SdesChunk(0xabcdef01, "parley-sfu"));
        assertThat(rtcp.next()).isFalse();
    }

    @Test
    void a_sender_report_parses_back() {
        byte[] buf = new byte[100];
        long ntp = NtpTime.fromEpochNanos(1_700_000_000_500_000_000L);

        int n = RtcpWriter.writeSenderReport(buf, 0, 7, ntp, 0xfffffff0L, 1000, 160_000, List.of());

        assertThat(n).isEqualTo(28);
        assertThat(rtcp.wrap(buf, 0, n)).isNull();
        rtcp.next();
        assertThat(rtcp.senderReport()).isEqualTo(new SenderReport(7, ntp, 0xfffffff0L, 1000, 160_000, List.of()));
    }

    @Test
    void a_bye_parses_back() {
        byte[] buf = new byte[20];

        int n = RtcpWriter.writeBye(buf, 0, 5, 6);

        assertThat(rtcp.wrap(buf, 0, n)).isNull();
        rtcp.next();
        assertThat(rtcp.bye()).isEqualTo(new Bye(List.of(5, 6), null));
    }

    @Test
    void cumulative_loss_is_clamped_to_its_signed_24_bit_field() {
        byte[] buf = new byte[60];
        RtcpWriter.writeReceiverReport(buf, 0, 1, List.of(
                new ReportBlock(2, 0, 50_000_000, 0, 0, 0, 0), new ReportBlock(3, 0, -50_000_000, 0, 0, 0, 0)));

        rtcp.wrap(buf, 0, 56);
        rtcp.next();

        assertThat(rtcp.receiverReport().reports()).extracting(ReportBlock::cumulativeLost)
                .containsExactly(0x7fffff, -0x800000);
    }

    @Test
    void what_cannot_be_encoded_or_does_not_fit_is_refused_with_minus_one() {
        ReportBlock b = new ReportBlock(1, 0, 0, 0, 0, 0, 0);
        assertThat(RtcpWriter.writeReceiverReport(new byte[31], 0, 1, List.of(b))).isEqualTo(-1);
        assertThat(RtcpWriter.writeReceiverReport(new byte[2000], 0, 1, Collections.nCopies(32, b))).isEqualTo(-1);
        assertThat(RtcpWriter.writeSenderReport(new byte[27], 0, 1, 0, 0, 0, 0, List.of())).isEqualTo(-1);
        assertThat(RtcpWriter.writeSdesCname(new byte[100], 0, 1, "")).isEqualTo(-1);
        assertThat(RtcpWriter.writeSdesCname(new byte[400], 0, 1, "x".repeat(256))).isEqualTo(-1);
        assertThat(RtcpWriter.writeSdesCname(new byte[15], 0, 1, "abcd")).isEqualTo(-1);
        assertThat(RtcpWriter.writeBye(new byte[7], 0, 1, 2)).isEqualTo(-1);
    }

    @Test
    void ntp_time_of_the_unix_epoch_is_2208988800_seconds_and_half_a_second_is_half_the_fraction() {
        assertThat(NtpTime.fromEpochNanos(0)).isEqualTo(2_208_988_800L << 32);
        assertThat(NtpTime.fromEpochNanos(500_000_000L) & 0xffff_ffffL).isEqualTo(0x8000_0000L);
        assertThat(NtpTime.compact(0x1234_5678_9abc_def0L)).isEqualTo(0x5678_9abcL);
    }
}
