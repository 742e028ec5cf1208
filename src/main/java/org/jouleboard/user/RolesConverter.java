package org.jouleboard.user;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores roles as "ADMIN,USER" in one column. */
@Converter
class RolesConverter implements AttributeConverter<Set<Role>, String> {

    @Override
    public String convertToDatabaseColumn(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).collect(Collectors.joining(","));
    }

    @Override
    public Set<Role> convertToEntityAttribute(String column) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(column.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Role::valueOf)
                .forEach(roles::add);
        return roles;
    }
}
