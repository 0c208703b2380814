package io.upsell.platform.http;

import java.util.List;
import java.util.Map;

/** A request we refuse, with the status, what was wrong, and headers such as {@code Retry-After}. */
public class ApiException extends RuntimeException {

  private final int status;
  private final List<FieldError> fields;
  private final Map<String, String> headers;

  public ApiException(int status, String error, List<FieldError> fields, Map<String, String> headers) {
    super(error, null, false, false);
    this.status = status;
    this.fields = List.copyOf(fields);
    this.headers = Map.copyOf(headers);
  }

  public static ApiException badRequest(String field, String reason) {
    return new ApiException(400, "invalid request", List.of(new FieldError(field, reason)), Map.of());
  }

  public static ApiException unauthorized(String reason) {
    return new ApiException(401, "unauthorized", List.of(new FieldError("Authorization", reason)),
        Map.of("WWW-Authenticate", "Bearer"));
  }

  public static ApiException forbidden(String field, String reason) {
    return new ApiException(403, "forbidden", List.of(new FieldError(field, reason)), Map.of());
  }

  public static ApiException unavailable(String reason, int retryAfterSeconds) {
    return new ApiException(503, "unavailable", List.of(new FieldError("service", reason)),
        Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
  }

  public int status() {
    return status;
  }

  public ApiError body() {
    return ApiError.of(status, getMessage(), fields);
  }

  public Map<String, String> headers() {
    return headers;
  }
}
