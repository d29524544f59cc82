package org.parley.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty refuses some requests before Javalin sees them: a request line, header or URI it cannot parse
 * (bad percent-encoding or UTF-8, a NUL, a bad Host), one too large (414, 431), an HTTP version it
 * does not speak (505). This error handler answers those with RFC 9457 problems too, with the same
 * codes as {@link Problems} and the {@link SecurityHeaders}, so no client ever gets an HTML error page
 * or an empty body.
 */
public final class ProblemErrorHandler extends ErrorHandler {

    /** The path Jetty gives an error request whose URI it could not parse: not worth echoing. */
    private static final String UNPARSED_PATH = "/badMessage";

    private final SecurityHeaders securityHeaders;

    public ProblemErrorHandler(SecurityHeaders securityHeaders) {
        this.securityHeaders = securityHeaders;
    }

    /**
     * Jetty writes error bodies only for GET, POST and HEAD ({@link ErrorHandler#ERROR_METHODS}) and
     * leaves a PUT, PATCH, DELETE or OPTIONS refused by the container with an empty body: every method
     * gets its problem (RFC 9457 §3; a HEAD response still carries no body, RFC 9110 §9.3.2).
     */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        securityHeaders.addTo(response.getHeaders());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE + ";charset=utf-8");
        String path = request.getHttpURI().getPath();
        response.write(true, ByteBuffer.wrap(body(code, message, UNPARSED_PATH.equals(path) ? null : path)), callback);
    }

    /** A request Jetty could not even parse into a request (no handler ran, no request exists). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        securityHeaders.addTo(fields);
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE + ";charset=utf-8"));
        return ByteBuffer.wrap(body(status, reason, null));
    }

    static byte[] body(int status, String message, String path) {
        // Jetty's reason is often just the status text again ("Bad Request"): then say what it means.
        boolean bare = message == null || message.isBlank() || message.equalsIgnoreCase(HttpStatus.getMessage(status));
        String detail = !bare ? message : status == 400
                ? "The request could not be understood: check its address, headers and framing"
                : HttpStatus.getMessage(status);
        ProblemException problem = Problems.fromStatus(status, detail);
        return ("{\"type\":\"urn:parley:problem:" + problem.code() + "\",\"title\":" + quote(problem.title())
                + ",\"status\":" + status + ",\"detail\":" + quote(problem.getMessage())
                + (path == null ? "" : ",\"instance\":" + quote(path))
                + ",\"code\":\"" + problem.code() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string literal; messages come from Jetty and may echo parts of the bad request. */
    private static String quote(String s) {
        var out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
