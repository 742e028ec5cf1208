package org.jouleboard.security.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

@Route(value = "login", autoLayout = false)
@PageTitle("Log in | Jouleboard")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final LoginForm login = new LoginForm();

    public LoginView() {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        add(new H1("Jouleboard"), new Paragraph("Joules per answer, measured on your own GPU."), login);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            return;
        }
        LoginI18n i18n = LoginI18n.createDefault();
        LoginI18n.ErrorMessage error = i18n.getErrorMessage();
        Object cause = lastAuthenticationException();
        if (cause instanceof LockedException locked) {
            error.setTitle("Too many failed logins");
            error.setMessage(locked.getMessage());
        } else if (cause instanceof DisabledException disabled) {
            error.setTitle("Account disabled");
            error.setMessage(disabled.getMessage());
        } else {
            error.setTitle("Incorrect username or password");
            error.setMessage("Check your username and password and try again.");
        }
        login.setI18n(i18n);
        login.setError(true);
    }

    private static @Nullable Object lastAuthenticationException() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null || session.getSession() == null) {
            return null;
        }
        return session.getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }
}
