package org.jouleboard;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring test class on PostgreSQL ({@link PostgresServer}) instead of the in-memory H2: each such Spring
 * context gets a fresh database of its own. A test that must hold on both databases stays as it is (H2) and
 * gets an empty subclass carrying this annotation, e.g. {@code @OnPostgres class QueueServicePostgresTest extends
 * QueueServiceTest {}}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
public @interface OnPostgres {}
