// The static-library half of cxx_musl.cpp: a static constructor and an exception type that is
// thrown here and caught in the program (exceptions across an archive boundary).
#include <stdexcept>
#include <string>

struct LibError : std::runtime_error {
  explicit LibError(const std::string &what) : std::runtime_error(what) {}
};

static int registered = 0;
static struct Registrar {
  Registrar() { registered = 7; }
} registrar;

int lib_registered() { return registered; }

[[gnu::noinline]] int lib_parse(const std::string &s) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) throw LibError("not a number: '" + s + "'");
  return std::stoi(s);
}
