package io.upsell.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an {@link ApiError} body: bad input is a 4xx naming the field and the reason; anything
 * unexpected is a 500 with a reference to the log line, never a stack trace.
 */
public class ErrorMappers {

  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  @ServerExceptionMapper
  public Response api(ApiException e) {
    Response.ResponseBuilder response = json(e.status(), e.body());
    e.headers().forEach(response::header);
    return response.build();
  }

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e) {
    List<FieldError> fields = e.getConstraintViolations().stream()
        .map(v -> new FieldError(leafPath(v.getPropertyPath().toString()), v.getMessage()))
        .sorted(java.util.Comparator.comparing(FieldError::field))
        .toList();
    return json(400, ApiError.of(400, "invalid request", fields)).build();
  }

  @ServerExceptionMapper
  public Response unreadable(JsonProcessingException e) {
    String field = e instanceof JsonMappingException mapping ? path(mapping) : "body";
    String reason = e.getOriginalMessage() == null ? "malformed JSON" : firstLine(e.getOriginalMessage());
    return json(400, ApiError.of(400, "malformed JSON", List.of(new FieldError(field, reason)))).build();
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    // Quarkus REST wraps some body-parse failures (a duplicate field, say) in a plain 400: keep their reason.
    if (e.getCause() instanceof JsonProcessingException unreadable) {
      return unreadable(unreadable);
    }
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      return unexpected(e);
    }
    String reason = e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase() : e.getMessage();
    return json(status, ApiError.of(status, reason, List.of())).build();
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e) {
    String ref = UUID.randomUUID().toString();
    LOG.errorf(e, "unexpected failure ref=%s", ref);
    return json(500, ApiError.of(500, "internal error, ref " + ref, List.of())).build();
  }

  private static Response.ResponseBuilder json(int status, ApiError body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
  }

  // "publish.arg0.lines[1].quantity" names the method and argument; clients care about the part in the body.
  private static String leafPath(String path) {
    String[] parts = path.split("\\.", 3);
    return parts.length == 3 ? parts[2] : path;
  }

  private static String path(JsonMappingException e) {
    if (e.getPath().isEmpty()) {
      return "body";
    }
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining())
        .replaceFirst("^\\.", "");
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
