#include <stdio.h>
#include <string.h>
#include "wc.h"

int main(int argc, char **argv) {
  const char *name = argc > 1 ? argv[1] : "";
  const char *text = "h\xc3\xa9llo w\xc3\xb6rld\nsecond line\n";
  struct wc_counts c = wc_count(text, strlen(text));
  int ok;
  if (strcmp(name, "words") == 0) ok = c.words == 4;
  else if (strcmp(name, "lines") == 0) ok = c.lines == 2;
  else if (strcmp(name, "utf8") == 0) ok = c.codepoints == 24;
  else { fprintf(stderr, "unknown test %s\n", name); return 2; }
  printf("%s: %s\n", name, ok ? "ok" : "FAILED");
  return ok ? 0 : 1;
}
