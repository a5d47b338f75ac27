package io.nettle.testkit;

/**
 * AssertJ entry point for Nettle's test types.
 * <pre>{@code
 * import static io.nettle.testkit.NettleAssertions.assertThat;
 *
 * assertThat(client.get("/users/7")).hasStatus(200).hasJsonBody("{\"id\": 7}");
 * }</pre>
 */
public final class NettleAssertions {
    private NettleAssertions() {
    }

    /** Assertions on a {@link TestResponse}. */
    public static TestResponseAssert assertThat(TestResponse actual) {
        return new TestResponseAssert(actual);
    }
}
