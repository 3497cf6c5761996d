package com.oxidly.domain.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes a stream as strict UTF-8, skipping a byte order mark. Unlike {@link
 * java.io.InputStreamReader}, it hands out every character before a bad byte and fails only then,
 * with the line of the bad byte, so a file in another encoding is refused with a line number rather
 * than silently garbled.
 */
final class Utf8Reader extends Reader {

  /** Bytes that are not UTF-8 text: an invalid sequence, or a NUL, which text never holds. */
  static final class InvalidText extends CharacterCodingException {
    private final String message;

    InvalidText(String message) {
      this.message = message;
    }

    @Override
    public String getMessage() {
      return message;
    }
  }

  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
  private boolean eof;
  private boolean started;
  private boolean done;
  private long line = 1;

  Utf8Reader(InputStream in) {
    this.in = in;
  }

  @Override
  public int read(char[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (done) {
      return -1;
    }
    if (!started) {
      started = true;
      skipByteOrderMark();
    }
    CharBuffer out = CharBuffer.wrap(buffer, offset, length);
    while (true) {
      CoderResult result = decoder.decode(bytes, out, eof);
      int produced = out.position() - offset;
      if (result.isError()) {
        if (produced > 0) {
          // Hand out what came before the bad byte; the next call reports it.
          return count(buffer, offset, produced);
        }
        throw new InvalidText(
            "file is not valid UTF-8 (line " + line + "); save it as CSV in UTF-8");
      }
      if (result.isOverflow() || produced > 0) {
        return count(buffer, offset, produced);
      }
      if (eof) {
        decoder.flush(out);
        done = true;
        return -1;
      }
      fill();
    }
  }

  private int count(char[] buffer, int offset, int produced) throws InvalidText {
    for (int i = offset; i < offset + produced; i++) {
      if (buffer[i] == '\n') {
        line++;
      } else if (buffer[i] == '\0') {
        // PostgreSQL text cannot hold NUL, and a CSV with one is a binary file in disguise.
        throw new InvalidText(
            "file contains a NUL character (line " + line + "); it is not a CSV text file");
      }
    }
    return produced;
  }

  /** Moves unread bytes to the front and reads more; sets eof at the end of the stream. */
  private void fill() throws IOException {
    bytes.compact();
    int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (read < 0) {
      eof = true;
    } else {
      bytes.position(bytes.position() + read);
    }
    bytes.flip();
  }

  private void skipByteOrderMark() throws IOException {
    while (!eof && bytes.remaining() < 3) {
      fill();
    }
    if (bytes.remaining() >= 2) {
      int first = bytes.get(bytes.position()) & 0xFF;
      int second = bytes.get(bytes.position() + 1) & 0xFF;
      if (first == 0xFF && second == 0xFE || first == 0xFE && second == 0xFF) {
        throw new ImportRejectedException(
            "file is UTF-16 encoded; save it as CSV in UTF-8", List.of());
      }
    }
    if (bytes.remaining() >= 3
        && (bytes.get(bytes.position()) & 0xFF) == 0xEF
        && (bytes.get(bytes.position() + 1) & 0xFF) == 0xBB
        && (bytes.get(bytes.position() + 2) & 0xFF) == 0xBF) {
      bytes.position(bytes.position() + 3);
    }
  }

  @Override
  public void close() throws IOException {
    // The caller owns the stream.
  }
}
