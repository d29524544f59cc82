package org.parley.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.parley.kernel.Validation;

/**
 * A request's JSON object body, read strictly: the content type must be JSON, the body one object,
 * and every field one the operation knows. Getters collect type errors instead of throwing, so a
 * client learns about every bad field at once; {@link ProblemException#throwIfInvalid} throws them together.
 */
public final class JsonBody {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final ObjectNode object;
    private final Validation validator;

    private JsonBody(ObjectNode object, Validation validator) {
        this.object = object;
        this.validator = validator;
    }

    /**
     * Parses the body. An empty body counts as {@code {}} only when {@code emptyAllowed}, for
     * operations whose fields are all optional.
     */
    public static JsonBody read(Context ctx, Set<String> knownFields, boolean emptyAllowed) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0 && emptyAllowed) {
            return new JsonBody(STRICT.createObjectNode(), new Validation());
        }
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase().matches("application/([a-z.+-]*\\+)?json(;.*)?")) {
            throw new ProblemException(415, "unsupported_media_type", "Unsupported media type",
                    "Send the body as application/json");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ProblemException(400, "malformed_json", "Malformed JSON",
                    "The body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new ProblemException(400, "malformed_json", "Malformed JSON", "The body could not be read");
        }
        if (node == null || !node.isObject()) {
            throw new ProblemException(400, "malformed_json", "Malformed JSON", "The body must be a JSON object");
        }
        var validator = new Validation();
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!knownFields.contains(name)) {
                unknown.add(name);
            }
        }
        unknown.stream().sorted().forEach(name -> validator.add(name, "unknown_field", "is not a field of this operation"));
        return new JsonBody((ObjectNode) node, validator);
    }

    /**
     * For operations that take no body: nothing, or an empty JSON object {@code {}}. Anything else is
     * refused, so a mistaken or hostile body never rides along with an action.
     */
    public static void requireNone(Context ctx) {
        if (ctx.bodyAsBytes().length > 0) {
            ProblemException.throwIfInvalid(read(ctx, Set.of(), true).validator());
        }
    }

    /** A string field, or {@code null} when absent or JSON null; a non-string is recorded as invalid_type. */
    public String string(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            validator.add(field, "invalid_type", "must be a string");
            return null;
        }
        return value.textValue();
    }

    /** The raw JSON value of a field (for lists), or {@code null} when absent. */
    public JsonNode node(String field) {
        return object.get(field);
    }

    public boolean has(String field) {
        return object.has(field);
    }

    /** The validator that holds this body's type errors; add field rules to it, then call check(). */
    public Validation validator() {
        return validator;
    }
}
