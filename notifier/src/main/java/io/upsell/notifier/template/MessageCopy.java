package io.upsell.notifier.template;

import java.util.List;

/**
 * The words of one message, already rendered: the shop's own template where it has one for a part, the built-in
 * copy for the rest. Plain text: the email layout escapes it, so no copy can inject markup.
 *
 * @param preheader the line mail clients show beside the subject, or null
 * @param body paragraphs, in order
 */
public record MessageCopy(String subject, String preheader, String title, List<String> body, String button) {}
