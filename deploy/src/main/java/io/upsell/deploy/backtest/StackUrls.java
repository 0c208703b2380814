package io.upsell.deploy.backtest;

import java.net.URI;

/** Where the running stack's services answer, unless an option names another: the launcher knows its ports. */
public record StackUrls(URI engine, URI notifier) {}
