package org.jouleboard.user.ui;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.jouleboard.user.UserService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** A session whose password must be changed sees only the account page (and the login page) until it is. */
@Component
class PasswordChangeRoute implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> init.getUI().addBeforeEnterListener(PasswordChangeRoute::check));
    }

    static void check(BeforeEnterEvent event) {
        if (required()
                && event.getNavigationTarget() != AccountView.class
                && !"login".equals(event.getLocation().getFirstSegment())) {
            event.rerouteTo(AccountView.class);
        }
    }

    static boolean required() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null
                && caller.getAuthorities().stream()
                        .anyMatch(a -> UserService.PASSWORD_CHANGE_REQUIRED.equals(a.getAuthority()));
    }
}
