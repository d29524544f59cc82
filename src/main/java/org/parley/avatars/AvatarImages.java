package org.parley.avatars;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Turns an uploaded image into the avatar's square JPEGs. The decoding is ImageIO's, with the
 * TwelveMonkeys readers for JPEG (CMYK, odd files) and WebP; Parley decodes nothing by hand.
 *
 * <p>What it guarantees: the declared size is read from the header and refused above
 * {@link #MAX_PIXELS} before a single pixel is decoded (a decompression bomb costs a header read);
 * large images are decoded subsampled, so memory stays near {@code (2 × 256)²} pixels whatever the
 * upload; only the pixels are kept and re-encoded, so no metadata of the upload (EXIF with GPS
 * position, camera serials, XMP, comments, ICC profiles) can reach the output. The writer is given
 * no metadata and writes a bare JFIF header.
 *
 * <p>Thread-safe: readers and writers are made per call; {@link #DECODING} caps how many images are
 * decoded at once, so a burst of uploads cannot take the heap.
 */
final class AvatarImages {

    /** The squares served, in pixels: small list rows, tiles and cards, the profile (and 2× screens). */
    static final List<Integer> SIZES = List.of(48, 96, 256);

    /** About 40 megapixels: any phone photo, but not a bomb that declares 100,000 × 100,000. */
    static final long MAX_PIXELS = 40_000_000L;

    private static final int LARGEST = 256;
    private static final float JPEG_QUALITY = 0.86f;
    private static final Semaphore DECODING = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()));

    /** The result: the encoded sizes under a version that names them, or why there are none. */
    sealed interface Outcome permits Encoded, Refused {}

    /** @param version hex of the SHA-256 of the images, cut to 16 characters: it changes when they do */
    record Encoded(String version, Map<Integer, byte[]> images) implements Outcome {}

    record Refused(Refusal reason) implements Outcome {}

    Outcome encode(byte[] upload) {
        ImageFormat format = ImageFormat.sniff(upload);
        if (format == ImageFormat.UNKNOWN) {
            return new Refused(Refusal.NOT_AN_IMAGE);
        }
        if (!format.decodable()) {
            return new Refused(Refusal.UNSUPPORTED_FORMAT);
        }
        DECODING.acquireUninterruptibly();
        try {
            return square(format, upload);
        } finally {
            DECODING.release();
        }
    }

    private Outcome square(ImageFormat format, byte[] upload) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerName);
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + format + ": the TwelveMonkeys plugins are missing");
        }
        ImageReader reader = readers.next();
        BufferedImage square;
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
            reader.setInput(in, true, true); // forward only, and metadata is never read
            int width = reader.getWidth(0); // the header only: nothing decoded yet
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                return new Refused(Refusal.UNREADABLE);
            }
            if ((long) width * height > MAX_PIXELS) {
                return new Refused(Refusal.TOO_MANY_PIXELS);
            }
            square = reader.read(0, centreSquare(reader.getDefaultReadParam(), width, height));
        } catch (IOException | RuntimeException e) {
            // Decoders throw all kinds of exceptions on broken input (IIOException, index and
            // argument errors): each is the upload's fault, never the server's.
            return new Refused(Refusal.UNREADABLE);
        } finally {
            reader.dispose();
        }
        Map<Integer, byte[]> images = new LinkedHashMap<>();
        BufferedImage current = opaque(square);
        for (int size : SIZES.reversed()) { // largest first: each smaller one is scaled from the one before
            current = Scaling.toSquare(current, size);
            images.put(size, jpeg(current));
        }
        Map<Integer, byte[]> ascending = new LinkedHashMap<>();
        SIZES.forEach(size -> ascending.put(size, images.get(size)));
        return new Encoded(version(ascending), ascending);
    }

    /**
     * The centred square of the image, subsampled so that it is decoded at no more than about twice
     * the largest size: a 6000 × 4000 photo is read as a 571 × 571 square, not 24 million pixels.
     */
    private static ImageReadParam centreSquare(ImageReadParam param, int width, int height) {
        int side = Math.min(width, height);
        param.setSourceRegion(new Rectangle((width - side) / 2, (height - side) / 2, side, side));
        int step = Math.max(1, side / (2 * LARGEST));
        param.setSourceSubsampling(step, step, 0, 0);
        return param;
    }

    /** RGB on white: JPEG has no transparency, and a transparent PNG should not turn black. */
    private static BufferedImage opaque(BufferedImage image) {
        var rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var out = new ByteArrayOutputStream();
        try (var stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.write(null, new IIOImage(image, null, null), param); // no metadata in, none out
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a JPEG to memory failed", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static String version(Map<Integer, byte[]> images) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            images.values().forEach(sha::update);
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
