/**
 * The model catalog per GPU host: synced from Ollama, persisted, enabled for users or not; pull and delete for
 * admins (Admin > Models).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Models")
@org.jspecify.annotations.NullMarked
package org.jouleboard.model;
