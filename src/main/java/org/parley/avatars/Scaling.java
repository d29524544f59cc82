package org.parley.avatars;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Downscaling that keeps photos smooth. One bilinear or bicubic step from a large image to a small
 * one samples only a few source pixels per output pixel and shimmers (aliasing); halving repeatedly
 * and finishing with one bicubic step averages them all (the "progressive bilinear" approach).
 */
final class Scaling {

    private Scaling() {}

    /** {@code square} (already square, RGB) scaled to {@code size} × {@code size}; up as well as down. */
    static BufferedImage toSquare(BufferedImage square, int size) {
        BufferedImage current = square;
        while (current.getWidth() / 2 >= size) {
            current = draw(current, current.getWidth() / 2, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        return current.getWidth() == size ? current : draw(current, size, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    }

    private static BufferedImage draw(BufferedImage source, int size, Object interpolation) {
        var target = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, size, size, null);
        } finally {
            g.dispose();
        }
        return target;
    }
}
