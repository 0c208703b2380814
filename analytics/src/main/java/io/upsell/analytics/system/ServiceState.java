package io.upsell.analytics.system;

/**
 * One service as the system panel shows it.
 *
 * @param state UP or DOWN as its {@code /q/health} says, or UNREACHABLE when it did not answer
 * @param lag records waiting for its consumers and workers (the sum of its lag metrics), null when unknown
 * @param error why it is DOWN: each DOWN check's name and reason; null when UP
 */
public record ServiceState(String name, String url, String state, Long lag, String error) {}
