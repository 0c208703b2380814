package io.upsell.analytics.api;

import io.upsell.platform.http.ApiException;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/**
 * The format a table answer is wanted in: {@code ?format=json|csv|xlsx} when given (a download link cannot set
 * headers, so the parameter wins), else the {@code Accept} header, else JSON.
 */
public enum ExportFormat {
  JSON(MediaType.APPLICATION_JSON),
  CSV(ExportFormat.CSV_TYPE),
  XLSX(ExportFormat.XLSX_TYPE);

  public static final String CSV_TYPE = "text/csv";
  public static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private final String mediaType;

  ExportFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ExportFormat chosen(String format, String accept) {
    if (format != null) {
      return switch (format.strip().toLowerCase(Locale.ROOT)) {
        case "json" -> JSON;
        case "csv" -> CSV;
        case "xlsx" -> XLSX;
        default -> throw ApiException.badRequest("format", "must be json, csv or xlsx");
      };
    }
    if (accept != null && accept.contains(XLSX_TYPE)) {
      return XLSX;
    }
    return accept != null && accept.contains(CSV_TYPE) ? CSV : JSON;
  }
}
