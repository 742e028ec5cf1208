/**
 * GPU hosts: the stored hosts (Ollama address, power source, GPU spec), their changes as events, and the periodic
 * check whether each host's Ollama answers.
 */
@org.jspecify.annotations.NullMarked
package org.jouleboard.host;
