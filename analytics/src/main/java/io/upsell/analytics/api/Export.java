package io.upsell.analytics.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * A table answer in its chosen format: the JSON object as it is, or its rows as one {@link Table} written as CSV or
 * XLSX and offered as a download named after the table and the shop.
 */
final class Export {

  private Export() {}

  static Response answer(ExportFormat format, Object json, List<?> rows, String currency, String name) {
    return switch (format) {
      case JSON -> Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build();
      case CSV -> download(Csv.of(Table.of(rows, currency)), format.mediaType() + "; charset=utf-8", name, format);
      case XLSX -> download(Xlsx.of(Table.of(rows, currency), sheet(name)), format.mediaType(), name, format);
    };
  }

  private static Response download(Object body, String type, String name, ExportFormat format) {
    return Response.ok(body, type)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "-") + "." + format.extension() + "\"")
        .build();
  }

  // A sheet name is at most 31 characters and has none of []:*?/\ (Excel's rule).
  private static String sheet(String name) {
    String clean = name.replaceAll("[\\[\\]:*?/\\\\]", "-");
    return clean.length() <= 31 ? clean : clean.substring(0, 31);
  }
}
