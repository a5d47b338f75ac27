package io.nettle.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.nettle.http.Json;
import java.io.IOException;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a {@link TestResponse}; each failure message shows the whole response. */
public final class TestResponseAssert extends AbstractAssert<TestResponseAssert, TestResponse> {

    TestResponseAssert(TestResponse actual) {
        super(actual, TestResponseAssert.class);
    }

    /** The status is {@code status}. */
    public TestResponseAssert hasStatus(int status) {
        isNotNull();
        if (actual.status() != status) {
            failWithMessage("Expected status %d but was %d; response: %s", status, actual.status(), actual);
        }
        return this;
    }

    /** The header {@code name} is present and its first value is {@code value}. */
    public TestResponseAssert hasHeader(String name, String value) {
        isNotNull();
        Optional<String> actualValue = actual.header(name);
        if (actualValue.isEmpty() || !actualValue.get().equals(value)) {
            failWithMessage("Expected header %s: %s but was %s; response: %s", name, value,
                actualValue.orElse("<absent>"), actual);
        }
        return this;
    }

    /** No header {@code name} is present. */
    public TestResponseAssert hasNoHeader(String name) {
        isNotNull();
        if (actual.headers().contains(name)) {
            failWithMessage("Expected no header %s but found %s", name, actual.headers().getAll(name));
        }
        return this;
    }

    /** The {@code Content-Type} starts with {@code type} (so {@code "text/plain"} matches {@code text/plain; charset=utf-8}). */
    public TestResponseAssert hasContentType(String type) {
        isNotNull();
        String actualType = actual.header("Content-Type").orElse("<absent>");
        if (!actualType.startsWith(type)) {
            failWithMessage("Expected Content-Type %s but was %s", type, actualType);
        }
        return this;
    }

    /** The body, as UTF-8 text, is {@code text}. */
    public TestResponseAssert hasBody(String text) {
        isNotNull();
        if (!actual.text().equals(text)) {
            failWithMessage("Expected body%n  <%s>%nbut was%n  <%s>%nstatus %d", text, actual.text(), actual.status());
        }
        return this;
    }

    /** The body contains {@code text}. */
    public TestResponseAssert hasBodyContaining(String text) {
        isNotNull();
        if (!actual.text().contains(text)) {
            failWithMessage("Expected body containing <%s> but was <%s>", text, actual.text());
        }
        return this;
    }

    /** The body is empty. */
    public TestResponseAssert hasEmptyBody() {
        isNotNull();
        if (actual.bytes().length != 0) {
            failWithMessage("Expected an empty body but was <%s>", actual.text());
        }
        return this;
    }

    /** The body is JSON equal to {@code json} (compared as trees: key order and spacing do not matter). */
    public TestResponseAssert hasJsonBody(String json) {
        isNotNull();
        JsonNode expected;
        try {
            expected = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the expected value is not JSON: " + json, e);
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(actual.bytes());
        } catch (IOException e) {
            failWithMessage("Expected JSON body %s but the body is not JSON: <%s>", json, actual.text());
            return this;
        }
        if (!expected.equals(body)) {
            failWithMessage("Expected JSON body%n  %s%nbut was%n  %s%nstatus %d", expected, body, actual.status());
        }
        return this;
    }

    /** The response sets the cookie {@code name} to {@code value}. */
    public TestResponseAssert setsCookie(String name, String value) {
        isNotNull();
        String actualValue = actual.cookies().get(name);
        if (!value.equals(actualValue)) {
            failWithMessage("Expected Set-Cookie %s=%s but was %s", name, value, actual.headers().getAll("Set-Cookie"));
        }
        return this;
    }

    /** The response is a redirect with {@code status} to {@code location}. */
    public TestResponseAssert redirectsTo(int status, String location) {
        return hasStatus(status).hasHeader("Location", location);
    }
}
