/* wordcount: count words, lines and UTF-8 code points in a buffer. */
#ifndef WC_H
#define WC_H
#include <stddef.h>
struct wc_counts { size_t lines, words, codepoints; };
struct wc_counts wc_count(const char *text, size_t len);
#endif
