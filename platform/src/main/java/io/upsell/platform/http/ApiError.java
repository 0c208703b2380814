package io.upsell.platform.http;

import java.util.List;

/** The body of every 4xx (and the rare 5xx) answer of every service. */
public record ApiError(int status, String error, List<FieldError> fields) {

  public static ApiError of(int status, String error, List<FieldError> fields) {
    return new ApiError(status, error, List.copyOf(fields));
  }
}
