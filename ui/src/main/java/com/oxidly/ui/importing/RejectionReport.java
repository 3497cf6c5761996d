package com.oxidly.ui.importing;

import com.oxidly.domain.importing.ImportJobs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The rejected rows of an import as a CSV file to download, the same from the API and from the
 * import view.
 */
public final class RejectionReport {

  /** The content type of the report. */
  public static final String CONTENT_TYPE = "text/csv;charset=UTF-8";

  private RejectionReport() {}

  /** The name the report downloads as. */
  public static String fileName(UUID jobId) {
    return "import-" + jobId + "-rejections.csv";
  }

  /**
   * Writes the report ({@link ImportJobs#writeRejections}) as UTF-8, streamed row by row from the
   * database; flushes {@code out} but does not close it.
   *
   * @throws java.util.NoSuchElementException when there is no such job
   */
  public static void write(ImportJobs jobs, UUID jobId, OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    // A byte-order mark lets spreadsheet programs recognise UTF-8.
    writer.write('\uFEFF');
    jobs.writeRejections(jobId, writer);
    writer.flush();
  }
}
