package org.jouleboard.model.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jouleboard.base.ui.Background;
import org.jouleboard.base.ui.Units;
import org.jouleboard.model.ModelCatalog;
import org.jouleboard.model.ModelInfo;
import org.jouleboard.model.PullProgress;
import org.jspecify.annotations.Nullable;

/**
 * Pulls a model onto the selected host with a live progress bar fed by Ollama's progress stream. One pull per
 * panel at a time. Cancel interrupts the pulling thread (also while it waits for Ollama's next line) and, should
 * a line still arrive, stops at it; either way the stream is closed, which makes Ollama stop the download.
 */
class PullPanel extends VerticalLayout {

    /** Ollama sends many progress lines per second; the browser needs a few. */
    private static final long MIN_UPDATE_NANOS = 200_000_000L;

    private final transient ModelCatalog catalog;
    private final transient Supplier<String> host;
    private final Runnable pulled;
    private final TextField model = new TextField("Model to pull");
    private final Button pull = new Button("Pull");
    private final Button cancel = new Button("Cancel pull");
    private final ProgressBar bar = new ProgressBar();
    private final Span status = new Span();
    private transient @Nullable AtomicBoolean cancelled;
    private transient @Nullable Future<?> pulling;

    PullPanel(ModelCatalog catalog, Supplier<String> host, Runnable pulled) {
        this.catalog = catalog;
        this.host = host;
        this.pulled = pulled;
        setPadding(false);
        model.setId("pull-model");
        model.setPlaceholder("e.g. qwen3:8b");
        model.setClearButtonVisible(true);
        pull.setId("pull");
        pull.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        pull.addClickListener(e -> start());
        cancel.setId("cancel-pull");
        cancel.addClickListener(e -> {
            if (cancelled != null && pulling != null) {
                cancelled.set(true);
                pulling.cancel(true);
            }
        });
        cancel.setVisible(false);
        bar.setId("pull-progress");
        bar.setVisible(false);
        bar.setWidth("30em");
        bar.setMaxWidth("100%");
        status.setId("pull-status");
        HorizontalLayout row = new HorizontalLayout(model, pull, cancel);
        row.setAlignItems(Alignment.BASELINE);
        row.getStyle().set("flex-wrap", "wrap");
        add(row, bar, status);
    }

    private void start() {
        String hostName = host.get();
        String name = model.getValue().strip();
        if (hostName == null || name.isEmpty()) {
            ModelsView.notify("Choose a host and give the model's name, e.g. qwen3:8b.", true);
            return;
        }
        UI ui = UI.getCurrent();
        AtomicBoolean stop = new AtomicBoolean();
        cancelled = stop;
        long[] lastUpdate = {0};
        running(true);
        bar.setIndeterminate(true);
        status.setText("Asking " + hostName + " to pull " + name + " …");
        pulling = Background.run(
                () -> catalog.pull(hostName, name, progress -> {
                    if (stop.get()) {
                        throw new CancellationException();
                    }
                    long now = System.nanoTime();
                    if (progress.success() || now - lastUpdate[0] >= MIN_UPDATE_NANOS) {
                        lastUpdate[0] = now;
                        Background.access(ui, () -> show(progress));
                    }
                }),
                (ModelInfo model) -> {
                    running(false);
                    status.setText("Pulled " + model.name() + " onto " + hostName + ".");
                    ModelsView.notify("Pulled " + model.name() + " onto " + hostName, false);
                    pulled.run();
                },
                failed -> {
                    running(false);
                    if (stop.get()) { // whatever the error says (interrupted read, closed stream), the cause was Cancel
                        status.setText("Pull of " + name + " cancelled.");
                    } else {
                        status.setText("Pull failed: " + failed.getMessage()); // Ollama's own words
                        ModelsView.notify(failed.getMessage(), true);
                    }
                });
    }

    private void show(PullProgress progress) {
        if (progress.fraction().isPresent()) {
            bar.setIndeterminate(false);
            bar.setValue(Math.min(1, progress.fraction().getAsDouble()));
            status.setText(progress.status() + ": " + Units.bytes(progress.completedBytes()) + " of "
                    + Units.bytes(progress.totalBytes()));
        } else {
            bar.setIndeterminate(!progress.success());
            status.setText(progress.status());
        }
    }

    private void running(boolean running) {
        pull.setEnabled(!running);
        model.setEnabled(!running);
        cancel.setVisible(running);
        bar.setVisible(running);
    }
}
