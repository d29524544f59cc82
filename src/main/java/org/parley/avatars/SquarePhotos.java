package org.parley.avatars;

import java.util.List;
import java.util.Map;

/**
 * The avatars feature's image pipeline for other features' pictures (a club's photo): the same
 * decoding limits and metadata-free square JPEGs as members' avatars ({@link AvatarImages}), so no
 * feature decodes uploads its own way. Thread-safe.
 */
public final class SquarePhotos {

    /** The squares served, in pixels. */
    public static final List<Integer> SIZES = AvatarImages.SIZES;
    /** Largest upload accepted, as for avatars. */
    public static final int MAX_UPLOAD_BYTES = AvatarsApi.MAX_UPLOAD_BYTES;

    /** The result of {@link #encode}: the squares under a version that names them, or why there are none. */
    public sealed interface Result permits Encoded, Refused {}

    public record Encoded(String version, Map<Integer, byte[]> images) implements Result {}

    /**
     * @param unsupportedFormat a real image in a format Parley does not take (an HTTP edge answers 415),
     *                          else an image that cannot be used (422)
     * @param code              the problem code, as for avatars (docs/api.md)
     */
    public record Refused(boolean unsupportedFormat, String code, String detail) implements Result {}

    private final AvatarImages images = new AvatarImages();

    public Result encode(byte[] upload) {
        return switch (images.encode(upload)) {
            case AvatarImages.Encoded e -> new Encoded(e.version(), e.images());
            case AvatarImages.Refused(Refusal r) -> new Refused(r == Refusal.UNSUPPORTED_FORMAT, r.code, r.detail);
        };
    }
}
