package io.leadrouter.contract;

import io.quarkus.test.junit.callback.QuarkusTestAfterConstructCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Installs {@link OpenApiContract} for every {@code @QuarkusTest}, in the class loader the test runs in (registered in
 * META-INF/services): after the test instance is made (so a {@code @BeforeAll}/{@code @BeforeEach} call is checked
 * too) and before each test method.
 */
public class OpenApiContractCallback implements QuarkusTestAfterConstructCallback, QuarkusTestBeforeEachCallback {

    @Override
    public void afterConstruct(Object testInstance) {
        OpenApiContract.install();
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        OpenApiContract.install();
    }
}
