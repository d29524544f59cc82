package org.parley.avatars;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Images made for the avatar tests: real photos' shapes, EXIF with a GPS position, and hostile files. */
public final class TestImages {

    /** The latitude hidden in {@link #jpegWithGps}: 52° 22' 12.34" N, as the EXIF rationals' bytes. */
    static final byte[] GPS_LATITUDE = ByteBuffer.allocate(24).putInt(52).putInt(1).putInt(22).putInt(1)
            .putInt(1234).putInt(100).array();

    private TestImages() {}

    /** A landscape picture with a gradient and a red square in the middle, so crops can be seen. */
    static BufferedImage picture(int width, int height, boolean alpha) {
        var image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 200), width, height, new Color(250, 200, 40)));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        int side = Math.min(width, height) / 3;
        g.fillRect((width - side) / 2, (height - side) / 2, side, side);
        g.dispose();
        return image;
    }

    /** A portrait-like picture for screenshots: a head and shoulders on a background coloured by {@code seed}. */
    public static byte[] portrait(int seed) {
        var image = new BufferedImage(600, 600, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        float hue = (seed * 0.173f) % 1f;
        g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, .35f, .95f), 600, 600, Color.getHSBColor(hue, .55f, .7f)));
        g.fillRect(0, 0, 600, 600);
        g.setColor(Color.getHSBColor((hue + .5f) % 1f, .45f, .35f));
        g.fillOval(150, 380, 300, 300); // shoulders
        g.setColor(new Color(230, 190, 160));
        g.fillOval(210, 130, 180, 220); // face
        g.setColor(Color.getHSBColor((hue + .1f) % 1f, .5f, .25f));
        g.fillArc(200, 110, 200, 150, 0, 180); // hair
        g.dispose();
        return encode(image, "jpeg");
    }

    public static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, false), "jpeg");
    }

    static byte[] png(int width, int height) {
        return encode(picture(width, height, true), "png");
    }

    static byte[] gif(int width, int height) {
        return encode(picture(width, height, false), "gif");
    }

    /**
     * A JPEG carrying an EXIF APP1 segment with a GPS IFD (CIPA DC-008, "Exif 2.3" §4.6.6), as a phone
     * writes it: IFD0 points at the GPS IFD, which holds GPSLatitudeRef "N" and GPSLatitude.
     */
    public static byte[] jpegWithGps(int width, int height) {
        ByteBuffer tiff = ByteBuffer.allocate(80); // big-endian, "MM"
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1); // IFD0 at 8: one entry
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26); // GPSInfo → GPS IFD at 26
        tiff.putInt(0);
        tiff.putShort((short) 2); // GPS IFD at 26: two entries
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        tiff.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(56); // three RATIONALs at 56
        tiff.putInt(0);
        tiff.put(GPS_LATITUDE);
        byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(tiff.array(), tiff.position()));
        byte[] app1 = concat(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) ((exif.length + 2) >> 8), (byte) (exif.length + 2)}, exif);
        byte[] plain = jpeg(width, height);
        // right after SOI, where cameras put it
        return concat(Arrays.copyOf(plain, 2), app1, Arrays.copyOfRange(plain, 2, plain.length));
    }

    /**
     * A decompression bomb's header: a PNG that declares {@code side} × {@code side} pixels of RGB and
     * carries a little compressed data of zeros. Decoding it fully would need side² × 3 bytes.
     */
    static byte[] pngDeclaring(int side) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(side).putInt(side).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        var deflater = new Deflater(9);
        deflater.setInput(new byte[64 * 1024]);
        deflater.finish();
        byte[] buffer = new byte[64 * 1024];
        byte[] idat = Arrays.copyOf(buffer, deflater.deflate(buffer));
        return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
                chunk("IHDR", ihdr.array()), chunk("IDAT", idat), chunk("IEND", new byte[0]));
    }

    /** The marker segments of a JPEG up to its image data (ITU T.81 B.1.1.4), as "FFE0", "FFDB", … */
    static List<String> markers(byte[] jpeg) {
        List<String> markers = new ArrayList<>();
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            markers.add(String.format("FF%02X", marker));
            if (marker == 0xDA) {
                break; // start of scan: entropy-coded data follows
            }
            at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        }
        return markers;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    private static byte[] encode(BufferedImage image, String format) {
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
