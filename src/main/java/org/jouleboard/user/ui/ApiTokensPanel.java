package org.jouleboard.user.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jouleboard.user.ApiTokenInfo;
import org.jouleboard.user.ApiTokenService;
import org.jouleboard.user.NewApiToken;
import org.jouleboard.user.UserException;

/** The account page's personal API tokens: make one (shown once), see and revoke one's own. */
class ApiTokensPanel extends VerticalLayout {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ApiTokenService tokens;
    private final Grid<ApiTokenInfo> grid = new Grid<>();

    ApiTokensPanel(ApiTokenService tokens) {
        this.tokens = tokens;
        setPadding(false);
        TextField name = new TextField("Token name");
        name.setId("token-name");
        name.setMaxLength(64);
        name.setPlaceholder("e.g. nightly script");
        IntegerField days = new IntegerField("Valid for (days)");
        days.setId("token-days");
        days.setMin(1);
        days.setMax(365);
        days.setValue(90);
        Button create = new Button("Create token", e -> {
            try {
                NewApiToken made = tokens.create(
                        name.getValue(), days.getValue() == null ? null : Duration.ofDays(days.getValue()));
                name.clear();
                name.setInvalid(false);
                showOnce(made);
                refresh();
            } catch (UserException ex) {
                name.setErrorMessage(ex.getMessage());
                name.setInvalid(true);
            }
        });
        create.setId("create-token");
        HorizontalLayout form = new HorizontalLayout(name, days, create);
        form.setWrap(true);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        grid.setId("tokens");
        grid.addColumn(ApiTokenInfo::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(t -> when(t.createdAt())).setHeader("Created");
        grid.addColumn(t -> when(t.expiresAt())).setHeader("Expires");
        grid.addColumn(t -> t.lastUsedAt() == null ? "never" : when(t.lastUsedAt()))
                .setHeader("Last used");
        grid.addComponentColumn(t -> {
                    Button revoke = new Button("Revoke", e -> {
                        tokens.revoke(t.id());
                        refresh();
                    });
                    revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
                    return revoke;
                })
                .setHeader("");
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No API tokens.");
        add(
                new H3("API tokens"),
                new Paragraph("Scripts send a token as 'Authorization: Bearer <token>' instead of "
                        + "your password. A token acts with your account's role as it is at each call."),
                form,
                grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(tokens.mine());
    }

    private void showOnce(NewApiToken made) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Token '" + made.name() + "' created");
        TextField value = new TextField();
        value.setId("new-token");
        value.setReadOnly(true);
        value.setValue(made.token());
        value.setWidthFull();
        dialog.add(
                new Paragraph("Copy it now: it is shown only this once. Valid until " + when(made.expiresAt()) + "."),
                value);
        dialog.getFooter().add(new Button("Done", e -> dialog.close()));
        dialog.setWidth("36em");
        dialog.open();
    }

    private static String when(Instant instant) {
        return WHEN.format(instant);
    }
}
