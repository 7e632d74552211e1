// The C++ half of the crosskit canary: exceptions across frames, RTTI, static constructors,
// std::thread and the standard library. Linked into the C canary when the target has a C++ compiler.
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <typeinfo>
#include <vector>

namespace {
int failures = 0;

void check(const char *name, bool ok, const std::string &detail = "") {
  std::printf("%s %s%s%s\n", ok ? "ok  " : "FAIL", name, detail.empty() ? "" : ": ", detail.c_str());
  if (!ok) failures++;
}

struct Registered {
  int value;
  Registered() : value(42) {}
};
Registered registered;  // a static constructor must have run before main

struct Base { virtual ~Base() = default; };
struct Derived : Base {};

[[gnu::noinline]] int thrower(int depth) {
  if (depth == 0) throw std::runtime_error("deep");
  return thrower(depth - 1) + 1;
}
}  // namespace

extern "C" int ck_canary_cxx(void) {
  check("C++ static constructors", registered.value == 42);
  bool caught = false;
  try {
    thrower(8);
  } catch (const std::runtime_error &e) {
    caught = std::string(e.what()) == "deep";
  }
  check("C++ exceptions", caught);
  std::unique_ptr<Base> b(new Derived);
  check("C++ RTTI", dynamic_cast<Derived *>(b.get()) != nullptr && typeid(*b) == typeid(Derived),
        typeid(*b).name());
  std::mutex m;
  std::map<int, std::string> seen;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; i++) {
    threads.emplace_back([&, i] {
      std::lock_guard<std::mutex> g(m);
      seen[i] = std::to_string(i * i);
    });
  }
  for (auto &t : threads) t.join();
  check("C++ std::thread", seen.size() == 4 && seen[3] == "9");
  return failures;
}
