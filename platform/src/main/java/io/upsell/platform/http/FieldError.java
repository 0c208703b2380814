package io.upsell.platform.http;

/** One thing wrong with a request: where ({@code lines[2].quantity}, {@code Authorization}) and why. */
public record FieldError(String field, String reason) {}
