// Tests of the ledger library, one per argument: test_ledger parse|errors|registry|threads|files|streams.
// Prints "PASS: <name>" and exits 0, or "FAIL: <name>: <why>" and exits 1.
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <typeinfo>
#include <unistd.h>
#include <vector>

#include "ledger/ledger.hpp"

namespace {

std::string failure;

void expect(bool ok, const std::string& what) {
  if (!ok && failure.empty()) failure = what;
}

void parse() {
  ledger::Entry e = ledger::parse("2024-03-01 groceries -12.50 EUR");
  expect(e.date == "2024-03-01" && e.category == "groceries" && e.cents == -1250 && e.currency == "EUR", "fields");
  expect(ledger::parse("2024-03-02 salary 2500.05 CHF").cents == 250005, "positive amount");
  expect(ledger::format_cents(-1250) == "-12.50" && ledger::format_cents(7) == "0.07", "format_cents");
}

// Exceptions thrown inside the static library, caught here by their own type, by a base, and
// told apart with dynamic_cast and typeid.
void errors() {
  try {
    ledger::parse("not a line", "input.txt", 7);
    expect(false, "no exception for a bad line");
  } catch (const ledger::ParseError& e) {
    expect(e.line() == 7 && e.source() == "input.txt", "ParseError carries where");
    expect(std::string(e.what()).find("cannot parse line 7 of input.txt") == 0, std::string("message: ") + e.what());
  }
  try {
    ledger::parse("2024-03-01 rent -800.00 XYZ");
    expect(false, "no exception for an unknown currency");
  } catch (const std::exception& e) {
    expect(dynamic_cast<const ledger::UnknownCurrency*>(&e) != nullptr, "caught by base, dynamic_cast to UnknownCurrency");
    expect(typeid(e) == typeid(ledger::UnknownCurrency), std::string("typeid: ") + typeid(e).name());
  }
  bool nested = false;
  try {
    try {
      ledger::parse("");
    } catch (...) {
      std::throw_with_nested(std::runtime_error("while reading the ledger"));
    }
  } catch (const std::runtime_error& outer) {
    try {
      std::rethrow_if_nested(outer);
    } catch (const ledger::ParseError&) {
      nested = true;
    }
  }
  expect(nested, "nested exception");
}

// The library's static constructors ran before main.
void registry() {
  std::vector<std::string> want{"CHF", "EUR", "GBP", "JPY", "USD"};
  expect(ledger::currencies() == want, "registered currencies");
}

// Threads, a mutex, a condition variable, thread_local and atomics, all parsing through the library.
void threads() {
  std::mutex m;
  std::condition_variable cv;
  int ready = 0;
  std::atomic<long long> sum{0};
  std::atomic<bool> flag{false};
  thread_local int parsed = 0;
  std::vector<std::thread> pool;
  for (int t = 0; t < 4; ++t) {
    pool.emplace_back([&, t] {
      for (int i = 0; i < 250; ++i) {
        sum += ledger::parse("2024-01-01 misc " + std::to_string(t) + ".01 USD").cents;
        ++parsed;
      }
      flag.exchange(parsed == 250);
      std::lock_guard<std::mutex> g(m);
      ++ready;
      cv.notify_one();
    });
  }
  {
    std::unique_lock<std::mutex> l(m);
    cv.wait(l, [&] { return ready == 4; });
  }
  for (auto& t : pool) t.join();
  expect(sum == 250 * (1 + 101 + 201 + 301), "sum over 4 threads: " + std::to_string(sum.load()));
  expect(flag && parsed == 0, "thread_local counters");
}

// std::filesystem and file streams: a directory of files read on one thread each; an error in
// one file crosses its thread through a future and is caught here.
void files() {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("ledger-test-" + std::to_string(getpid()));
  fs::create_directories(dir / "2024" / "q1");
  std::ofstream(dir / "2024" / "q1" / "march.txt") << "# March\n2024-03-01 groceries -12.50 EUR\n2024-03-02 salary 2500.00 EUR\n";
  std::ofstream(dir / "2024" / "jan.txt") << "2024-01-10 travel -99.99 CHF\n";
  std::ofstream(dir / "notes.md") << "not a ledger\n";
  auto entries = ledger::load_dir(dir);
  auto sums = ledger::totals(entries);
  expect(entries.size() == 3 && entries.front().date == "2024-01-10", "entries from two files, sorted");
  expect(sums["EUR"] == 248750 && sums["CHF"] == -9999, "totals");
  std::ofstream(dir / "2024" / "broken.txt") << "2024-02-30 oops\n";
  try {
    ledger::load_dir(dir);
    expect(false, "no exception from the broken file");
  } catch (const ledger::ParseError& e) {
    expect(e.source() == "broken.txt" && e.line() == 1, "error from the file's thread");
  }
  std::uintmax_t removed = fs::remove_all(dir);
  expect(removed == 7 && !fs::exists(dir), "remove_all: " + std::to_string(removed));
}

// iostreams: formatting and reading back through string streams.
void streams() {
  std::ostringstream out;
  for (const auto& [cur, cents] : ledger::totals({ledger::parse("2024-05-01 a 1.25 GBP"), ledger::parse("2024-05-02 b 2.50 GBP")})) {
    out << cur << '=' << ledger::format_cents(cents) << ';';
  }
  expect(out.str() == "GBP=3.75;", "formatted: " + out.str());
  std::istringstream in("2024-06-01 lunch -8.40 EUR\n2024-06-02 lunch -9.10 EUR\n");
  std::string line;
  long long sum = 0;
  while (std::getline(in, line)) sum += ledger::parse(line).cents;
  expect(sum == -1750, "read back");
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::function<void()>> tests{{"parse", parse},     {"errors", errors}, {"registry", registry},
                                                     {"threads", threads}, {"files", files},   {"streams", streams}};
  if (argc != 2 || tests.count(argv[1]) == 0) {
    std::cerr << "usage: test_ledger parse|errors|registry|threads|files|streams\n";
    return 2;
  }
  try {
    tests[argv[1]]();
  } catch (const std::exception& e) {
    failure = std::string("unexpected exception: ") + e.what();
  }
  if (!failure.empty()) {
    std::cout << "FAIL: " << argv[1] << ": " << failure << std::endl;
    return 1;
  }
  std::cout << "PASS: " << argv[1] << std::endl;
  return 0;
}
