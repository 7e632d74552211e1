// The C++ half of the crosskit canary: exceptions across frames, RTTI, static constructors,
// std::thread and the standard library. Linked into the C canary when the target has a C++ compiler.
// The runtime pieces a cross C++ toolchain gets wrong show here: the unwinder (a static musl
// program finds its unwind tables only through PT_GNU_EH_FRAME), an exception crossing threads,
// and the sub-word atomics that need libatomic (riscv64) or the kernel's helpers (ARMv6).
#include <atomic>
#include <cstdio>
#include <future>
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
  std::future<int> failing = std::async(std::launch::async, [] { return thrower(3); });
  bool crossed = false;
  try {
    failing.get();
  } catch (const std::runtime_error &e) {
    crossed = std::string(e.what()) == "deep";
  }
  check("C++ exception across threads", crossed);
  std::atomic<unsigned char> small{250};
  std::atomic<bool> flag{false};
  std::thread bumper([&] {
    for (int i = 0; i < 100; i++) small.fetch_add(1);
  });
  for (int i = 0; i < 100; i++) small.fetch_add(1);
  bumper.join();
  bool was = flag.exchange(true);
  check("C++ sub-word atomics", small.load() == (250 + 200) % 256 && !was && flag.load(),
        std::to_string(small.load()));
  return failures;
}
