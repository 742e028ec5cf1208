package org.jouleboard.worker;

import java.util.function.Supplier;
import org.jouleboard.base.SystemRole;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * Runs a worker's service calls under the SYSTEM role. The context goes into the strategy this application's
 * method security reads (Vaadin installs its own), not whichever one happens to be static right now.
 */
@Component
class SystemCalls {

    private final SecurityContextHolderStrategy strategy;

    SystemCalls(ObjectProvider<SecurityContextHolderStrategy> strategies) {
        this.strategy = strategies.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
    }

    <T extends @Nullable Object> T call(String who, Supplier<T> action) {
        SecurityContext previous = strategy.getContext();
        SecurityContext system = strategy.createEmptyContext();
        system.setAuthentication(SystemRole.authentication(who));
        strategy.setContext(system);
        try {
            return action.get();
        } finally {
            strategy.setContext(previous);
        }
    }
}
