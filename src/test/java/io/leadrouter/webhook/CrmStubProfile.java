package io.leadrouter.webhook;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;

/**
 * The test classes that talk to the CRM stub ({@link CrmStubServer}: HubSpot look-ups, push-backs) declare this
 * profile, and only they get the stub: one application start for all of them. (A {@code @QuarkusTestResource}
 * restricted to each class would restart the application for every one of those classes; declared globally, it
 * pointed every other test's CRM clients at the stub too.)
 */
public class CrmStubProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(CrmStubServer.class));
    }
}
