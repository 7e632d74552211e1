// Unit test for the C++ part: results and exceptions.
#include <cstdio>
#include <stdexcept>

#include "summary.hpp"

int main() {
  auto s = ckcalc::Summary::of({"2", "4", "4", "4", "5", "5", "7", "9"});
  bool ok = s.count == 8 && s.mean == 5.0 && s.stddev == 2.0;
  bool threw = false;
  try {
    ckcalc::Summary::of({"1", "two"});
  } catch (const std::invalid_argument &) {
    threw = true;
  }
  std::printf("summary: %s, exception: %s\n", ok ? "ok" : "FAILED", threw ? "ok" : "FAILED");
  return ok && threw ? 0 : 1;
}
