package org.parley.avatars;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.ApiClient.Response;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;

/** Members' photos through the API: {@code uploadAvatar}, {@code deleteAvatar}, {@code getAvatar}. */
@Tag("db")
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AvatarApiTest {

    TestParley parley;
    ApiClient founder;
    final AtomicInteger names = new AtomicInteger();

    @BeforeAll
    void start() {
        parley = TestParley.start();
        founder = new ApiClient(parley.baseUrl());
        founder.signUp(parley.createAdminInviteCode(), "founder", "Ada Founder");
    }

    @AfterAll
    void stop() {
        parley.close();
    }

    @Test
    void an_uploaded_photo_is_served_to_members_as_square_jpegs_in_every_size() throws IOException {
        var ada = member();
        Response r = upload(ada, TestImages.jpeg(640, 480), "image/jpeg");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        String url = r.json().get("avatarUrl").asText();
        assertThat(url).matches("/api/avatars/" + r.json().get("id").asLong() + "/[0-9a-f]{16}");
        assertThat(ada.get("/api/me").json().get("avatarUrl").asText()).isEqualTo(url);

        var bob = member();
        for (int size : new int[] {48, 96, 256}) {
            HttpResponse<byte[]> image = bob.getBytes(url + "?size=" + size, Map.of());
            assertThat(image.statusCode()).isEqualTo(200);
            assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(image.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(image.headers().firstValue("Cache-Control")).hasValue("private, max-age=31536000, immutable");
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.body()));
            assertThat(decoded.getWidth()).as("a square of %d", size).isEqualTo(size);
            assertThat(decoded.getHeight()).isEqualTo(size);
        }
        HttpResponse<byte[]> largest = bob.getBytes(url, Map.of());
        assertThat(ImageIO.read(new ByteArrayInputStream(largest.body())).getWidth()).as("the default size").isEqualTo(256);
        // The centre of the 640 × 480 picture is its red square: the crop is the middle, not a corner.
        int centre = ImageIO.read(new ByteArrayInputStream(largest.body())).getRGB(128, 128);
        assertThat((centre >> 16) & 0xFF).isGreaterThan(200);
        assertThat(centre & 0xFF).isLessThan(60);

        String etag = largest.headers().firstValue("ETag").orElseThrow();
        assertThat(bob.getBytes(url, Map.of("If-None-Match", etag)).statusCode()).as("unchanged, so not sent again")
                .isEqualTo(304);
        assertThat(bob.getBytes(url + "?size=1000", Map.of()).statusCode()).isEqualTo(400);
    }

    @Test
    void every_view_of_a_member_carries_their_photo() {
        var ada = member();
        String adaName = ada.get("/api/me").json().get("username").asText();
        var invitee = new ApiClient(parley.baseUrl());
        invitee.signUp(ada.createInviteCode(), "Invitee_" + names.incrementAndGet(), "Invitee");
        assertThat(invitee.put("/api/members/" + adaName + "/follow", null).status()).isBetween(200, 204);
        String url = upload(ada, TestImages.png(300, 300), "image/png").json().get("avatarUrl").asText();

        assertThat(invitee.get("/api/members/" + adaName).json().get("avatarUrl").asText()).as("profile").isEqualTo(url);
        assertThat(invitee.get("/api/me").json().get("invitedBy").get("avatarUrl").asText()).as("MemberRef").isEqualTo(url);
        assertThat(ada.get("/api/members/" + adaName + "/followers").json().get("items").get(0).get("avatarUrl").isNull())
                .as("a member without a photo has null").isTrue();
        String inviteeName = invitee.get("/api/me").json().get("username").asText();
        assertThat(invitee.get("/api/members/" + inviteeName + "/following").json().get("items").get(0)
                .get("avatarUrl").asText()).as("follow lists").isEqualTo(url);
        assertThat(ada.get("/api/members/" + adaName).json().get("invited").get(0).has("avatarUrl")).isTrue();
    }

    @Test
    void a_room_shows_its_hosts_photo_in_its_summary_and_its_snapshot() {
        var ada = member();
        String url = upload(ada, TestImages.jpeg(200, 200), "image/jpeg").json().get("avatarUrl").asText();
        Response room = ada.post("/api/rooms", Map.of("title", "Faces", "type", "open"));
        assertThat(room.status()).as(room.toString()).isEqualTo(201);
        String id = room.json().get("id").asText();
        assertThat(ada.get("/api/rooms/" + id).json().get("stage").get(0).get("avatarUrl").asText()).isEqualTo(url);
        try (var ws = WsClient.connect(parley.baseUrl(), ada)) {
            assertThat(ws.awaitType("hello").get("member").get("avatarUrl").asText()).isEqualTo(url);
            ws.send("join", "room", id);
            JsonNode snapshot = ws.awaitType("snapshot");
            assertThat(snapshot.get("you").get("avatarUrl").asText()).isEqualTo(url);
            assertThat(snapshot.get("room").get("participants").get(0).get("avatarUrl").asText()).isEqualTo(url);
        }
    }

    @Test
    void exif_with_a_gps_position_never_reaches_the_served_images() {
        byte[] photo = TestImages.jpegWithGps(800, 600);
        assertThat(TestImages.markers(photo)).as("the upload carries EXIF (APP1)").contains("FFE1");
        assertThat(TestImages.contains(photo, TestImages.GPS_LATITUDE)).isTrue();

        var ada = member();
        Response r = upload(ada, photo, "image/jpeg");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        for (int size : new int[] {48, 96, 256}) {
            byte[] served = ada.getBytes(r.json().get("avatarUrl").asText() + "?size=" + size, Map.of()).body();
            assertThat(TestImages.markers(served)).as("only JFIF, tables, frame and scan: no APP1-APP15, no comment")
                    .doesNotContain("FFE1", "FFE2", "FFED", "FFEE", "FFFE").startsWith("FFE0");
            assertThat(TestImages.contains(served, "Exif".getBytes(StandardCharsets.US_ASCII))).isFalse();
            assertThat(TestImages.contains(served, TestImages.GPS_LATITUDE)).isFalse();
        }
    }

    @Test
    void a_file_that_is_not_an_image_is_refused_as_not_an_image() {
        Response r = upload(member(), "just some text, not a picture".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        assertProblem(r, 422, "not_an_image");
    }

    @Test
    void a_gif_is_refused_as_an_unsupported_format() {
        assertProblem(upload(member(), TestImages.gif(100, 100), "image/gif"), 415, "unsupported_image_format");
    }

    @Test
    void a_body_that_is_not_sent_as_an_image_is_refused_as_the_wrong_media_type() {
        var ada = member();
        assertProblem(upload(ada, TestImages.jpeg(100, 100), "application/json"), 415, "unsupported_media_type");
        assertProblem(upload(ada, TestImages.jpeg(100, 100), null), 415, "unsupported_media_type");
    }

    @Test
    void a_decompression_bomb_is_refused_from_its_header_without_decoding_it() {
        byte[] bomb = TestImages.pngDeclaring(100_000); // 10 gigapixels, 30 GB of RGB, in a few hundred bytes
        assertThat(bomb.length).isLessThan(2_000);
        long started = System.nanoTime();
        assertProblem(upload(member(), bomb, "image/png"), 422, "image_too_many_pixels");
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds: no pixel was decoded").isLessThan(5_000);
        assertProblem(upload(member(), TestImages.pngDeclaring(6_400), "image/png"), 422, "image_too_many_pixels");
    }

    @Test
    void an_upload_over_ten_megabytes_is_refused() {
        byte[] big = TestImages.jpeg(64, 64);
        byte[] padded = java.util.Arrays.copyOf(big, 10 * 1024 * 1024 + 1);
        assertProblem(upload(member(), padded, "image/jpeg"), 413, "image_file_too_large");
    }

    @Test
    void a_jpeg_cut_short_is_refused_as_unreadable() {
        byte[] photo = TestImages.jpeg(400, 400);
        assertProblem(upload(member(), java.util.Arrays.copyOf(photo, 200), "image/jpeg"), 422, "image_unreadable");
    }

    @Test
    void a_new_photo_gets_a_new_url_and_the_old_one_is_gone() {
        var ada = member();
        String first = upload(ada, TestImages.jpeg(200, 200), "image/jpeg").json().get("avatarUrl").asText();
        String second = upload(ada, TestImages.png(120, 200), "image/png").json().get("avatarUrl").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(ada.getBytes(second, Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> old = ada.getBytes(first, Map.of());
        assertThat(old.statusCode()).isEqualTo(404);
        assertThat(new String(old.body(), StandardCharsets.UTF_8)).contains("avatar_not_found");
    }

    @Test
    void deleting_your_photo_removes_it_and_another_member_cannot_delete_yours() {
        var ada = member();
        var bob = member();
        String url = upload(ada, TestImages.jpeg(200, 200), "image/jpeg").json().get("avatarUrl").asText();
        upload(bob, TestImages.jpeg(220, 200), "image/jpeg");

        Response bobDeletes = bob.delete("/api/me/avatar");
        assertThat(bobDeletes.status()).isEqualTo(200);
        assertThat(bobDeletes.json().get("avatarUrl").isNull()).as("bob's own photo went").isTrue();
        assertThat(ada.getBytes(url, Map.of()).statusCode()).as("ada's stays").isEqualTo(200);
        assertThat(bob.getBytes(url, Map.of()).statusCode()).isEqualTo(200);

        Response adaDeletes = ada.delete("/api/me/avatar");
        assertThat(adaDeletes.status()).isEqualTo(200);
        assertThat(adaDeletes.json().get("avatarUrl").isNull()).isTrue();
        assertThat(ada.getBytes(url, Map.of()).statusCode()).isEqualTo(404);
        assertThat(ada.delete("/api/me/avatar").status()).as("deleting nothing is fine").isEqualTo(200);
    }

    @Test
    void signed_out_visitors_can_neither_fetch_nor_upload_photos() {
        var ada = member();
        String url = upload(ada, TestImages.jpeg(200, 200), "image/jpeg").json().get("avatarUrl").asText();
        var stranger = new ApiClient(parley.baseUrl());
        HttpResponse<byte[]> fetched = stranger.getBytes(url, Map.of());
        assertThat(fetched.statusCode()).isEqualTo(401);
        assertThat(fetched.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertProblem(upload(stranger, TestImages.jpeg(50, 50), "image/jpeg"), 401, "unauthenticated");
        assertThat(ada.delete("/api/session").status()).isEqualTo(204);
        assertThat(ada.getBytes(url, Map.of()).statusCode()).as("not after logging out either").isEqualTo(401);
    }

    @Test
    void uploads_are_limited_per_member() {
        var ada = member();
        byte[] photo = TestImages.jpeg(64, 64);
        for (int i = 0; i < AvatarsApi.UPLOADS_PER_WINDOW; i++) {
            assertThat(upload(ada, photo, "image/jpeg").status()).isEqualTo(200);
        }
        Response refused = upload(ada, photo, "image/jpeg");
        assertProblem(refused, 429, "rate_limited");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(upload(member(), photo, "image/jpeg").status()).as("others are not held up").isEqualTo(200);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private ApiClient member() {
        var client = new ApiClient(parley.baseUrl());
        client.signUp(founder.createInviteCode(), "Member_" + names.incrementAndGet(), "A Member");
        return client;
    }

    private static Response upload(ApiClient client, byte[] image, String type) {
        return client.sendBytes("PUT", "/api/me/avatar", image, type);
    }

    private static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.json().get("detail").asText()).isNotBlank();
    }
}
