package org.jouleboard.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.server.Command;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;

/**
 * Slow work for views (calls to GPU hosts that may hang or be down) off the request thread, so one host
 * cannot freeze the page. The work runs as the logged-in user (secured service methods still check roles);
 * its outcome comes back through {@code ui.access} (server push is on).
 */
public final class Background {

    private static final ExecutorService THREADS =
            new DelegatingSecurityContextExecutorService(Executors.newVirtualThreadPerTaskExecutor());

    private Background() {}

    /** Runs {@code work} in the background; then {@code done} or {@code failed} on the UI, if still there. */
    public static <T> Future<?> run(Callable<T> work, Consumer<T> done, Consumer<Exception> failed) {
        UI ui = UI.getCurrent();
        return THREADS.submit(() -> {
            try {
                T result = work.call();
                access(ui, () -> done.accept(result));
            } catch (Exception e) {
                access(ui, () -> failed.accept(e));
            }
        });
    }

    /** Runs {@code command} on the UI from a background thread; nothing happens once the UI is gone. */
    public static void access(UI ui, Command command) {
        try {
            ui.access(command);
        } catch (UIDetachedException gone) {
            // The user left the view; nobody is waiting for the result.
        }
    }
}
