package org.parley.avatars;

/**
 * Why an upload is not made into an avatar. Each has the stable {@code code} of its problem
 * (docs/api.md); the HTTP edge picks the status.
 */
enum Refusal {
    /** No image format Parley knows starts like this. */
    NOT_AN_IMAGE("not_an_image", "The file is not an image"),
    /** A real image, but in a format Parley does not take (GIF, BMP, TIFF, HEIC, AVIF, SVG, ICO). */
    UNSUPPORTED_FORMAT("unsupported_image_format", "Use a JPEG, PNG or WebP image"),
    /** Its header declares more pixels than {@link AvatarImages#MAX_PIXELS}: a decompression bomb, or just too big. */
    TOO_MANY_PIXELS("image_too_many_pixels", "The image has too many pixels"),
    /** It looks like a JPEG, PNG or WebP but cannot be decoded (cut short, corrupt). */
    UNREADABLE("image_unreadable", "The image could not be read");

    final String code;
    final String detail;

    Refusal(String code, String detail) {
        this.code = code;
        this.detail = detail;
    }
}
