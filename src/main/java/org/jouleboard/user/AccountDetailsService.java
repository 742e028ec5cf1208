package org.jouleboard.user;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Spring Security reads accounts through this; the security module never sees our entities. */
@Component
class AccountDetailsService implements UserDetailsService {

    private final AppUserRepository users;

    AccountDetailsService(AppUserRepository users) {
        this.users = users;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        AppUser user = users.findByUsernameIgnoreCase(username.strip())
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        java.util.List<SimpleGrantedAuthority> authorities = new java.util.ArrayList<>(user.getRoles().stream()
                .map(r -> new SimpleGrantedAuthority(r.authority()))
                .toList());
        if (user.isPasswordChangeRequired()) {
            authorities.add(new SimpleGrantedAuthority(UserService.PASSWORD_CHANGE_REQUIRED));
        }
        return User.withUsername(user.getUsername())
                .password(user.getPasswordHash())
                .disabled(!user.isEnabled())
                .authorities(authorities)
                .build();
    }
}
