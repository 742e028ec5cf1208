package org.jouleboard;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Each Spring context installs its own security context holder strategy JVM-wide, but its method security
 * reads only its own. Tests run several contexts, so before each test the running context's strategy is put
 * back in place; a test that logs in then reaches the services it calls.
 */
public class SharedSecurityStrategyListener implements TestExecutionListener {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            testContext
                    .getApplicationContext()
                    .getBeanProvider(SecurityContextHolderStrategy.class)
                    .ifAvailable(SecurityContextHolder::setContextHolderStrategy);
        }
    }
}
