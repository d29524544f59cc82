package org.parley.app;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the hand-written OpenAPI 3.1 description of the API; a test keeps it in step with the routes. */
final class OpenApiDocument {

    static final String RESOURCE = "/api/openapi.json";
    private final byte[] document;

    OpenApiDocument() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The OpenAPI document is missing from the jar (" + RESOURCE + ")");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void handle(Context ctx) {
        ctx.contentType("application/json").result(document);
    }
}
