#include "wc.h"

struct wc_counts wc_count(const char *text, size_t len) {
  struct wc_counts c = {0, 0, 0};
  int in_word = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char ch = (unsigned char)text[i];
    if ((ch & 0xC0) != 0x80) c.codepoints++; /* not a UTF-8 continuation byte */
    if (ch == '\n') c.lines++;
    int space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
    if (!space && !in_word) c.words++;
    in_word = !space;
  }
  return c;
}
