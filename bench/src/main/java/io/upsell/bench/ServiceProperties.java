package io.upsell.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Properties;

/**
 * A service's own application.properties, from the jar that holds {@code serviceClass}: every service jar on the
 * bench class path has one, so a plain resource lookup finds whichever comes first.
 */
public final class ServiceProperties {

  private ServiceProperties() {}

  public static URL url(Class<?> serviceClass) {
    URL jar = serviceClass.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader jarOnly = new URLClassLoader(new URL[] {jar}, null)) {
      URL found = jarOnly.findResource("application.properties");
      if (found == null) {
        throw new IllegalStateException("no application.properties in " + jar);
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Properties load(Class<?> serviceClass) {
    Properties properties = new Properties();
    try (InputStream in = url(serviceClass).openStream()) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
