#include "ledger/ledger.hpp"

#include <algorithm>
#include <fstream>
#include <future>
#include <iomanip>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>

namespace ledger {
namespace {

std::set<std::string>& registry() {
  static std::set<std::string> codes;
  return codes;
}

// Static constructors inside the library: they must have run before main, in every program.
struct Register {
  explicit Register(std::initializer_list<const char*> codes) {
    for (const char* c : codes) registry().insert(c);
  }
};
const Register europe{"EUR", "CHF", "GBP"};
const Register elsewhere{"USD", "JPY"};

std::mutex registry_mutex;

}  // namespace

Entry parse(const std::string& line, const std::string& source, int number) {
  static const std::regex form(R"(^(\d{4}-\d{2}-\d{2})\s+([a-z]+)\s+(-?)(\d+)\.(\d{2})\s+([A-Z]{3})\s*$)");
  std::smatch m;
  if (!std::regex_match(line, m, form)) {
    throw ParseError("cannot parse line " + std::to_string(number) + " of " + source + ": '" + line + "'", source, number);
  }
  {
    std::lock_guard<std::mutex> lock(registry_mutex);
    if (registry().count(m[6]) == 0) {
      throw UnknownCurrency("unknown currency " + m[6].str() + " on line " + std::to_string(number) + " of " + source,
                            source, number);
    }
  }
  long long cents = std::stoll(m[4]) * 100 + std::stoll(m[5]);
  return Entry{m[1], m[2], m[3].length() ? -cents : cents, m[6]};
}

std::vector<std::string> currencies() {
  std::lock_guard<std::mutex> lock(registry_mutex);
  return {registry().begin(), registry().end()};
}

std::map<std::string, long long> totals(const std::vector<Entry>& entries) {
  std::map<std::string, long long> sum;
  for (const Entry& e : entries) sum[e.currency] += e.cents;
  return sum;
}

static std::vector<Entry> load_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot open " + file.string());
  std::vector<Entry> out;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    out.push_back(parse(line, file.filename().string(), n));
  }
  return out;
}

std::vector<Entry> load_dir(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<std::future<std::vector<Entry>>> parts;
  for (const auto& f : files) parts.push_back(std::async(std::launch::async, load_file, f));
  std::vector<Entry> all;
  for (auto& p : parts) {
    auto got = p.get();  // an exception thrown on the file's thread comes out here
    all.insert(all.end(), got.begin(), got.end());
  }
  std::sort(all.begin(), all.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.date, a.category, a.cents) < std::tie(b.date, b.category, b.cents);
  });
  return all;
}

std::string format_cents(long long cents) {
  std::ostringstream out;
  long long abs = cents < 0 ? -cents : cents;
  out << (cents < 0 ? "-" : "") << abs / 100 << '.' << std::setw(2) << std::setfill('0') << abs % 100;
  return out.str();
}

}  // namespace ledger
