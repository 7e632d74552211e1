// ledger: a small C++17 library that reads account lines such as
//   2024-03-01 groceries -12.50 EUR
// and sums them per currency. Built as a static library; its exceptions, RTTI and static
// constructors cross into the programs that link it.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace ledger {

struct Entry {
  std::string date;      // YYYY-MM-DD
  std::string category;  // a word
  long long cents;       // signed amount in cents
  std::string currency;  // a registered currency code
};

// Thrown by the library for a line it cannot read; says where.
class ParseError : public std::runtime_error {
 public:
  ParseError(const std::string& what, std::string source, int line)
      : std::runtime_error(what), source_(std::move(source)), line_(line) {}
  const std::string& source() const { return source_; }
  int line() const { return line_; }

 private:
  std::string source_;
  int line_;
};

// A currency the library does not know (a ParseError with its own type, for dynamic_cast).
class UnknownCurrency : public ParseError {
 public:
  using ParseError::ParseError;
};

// Parses one line; throws ParseError or UnknownCurrency.
Entry parse(const std::string& line, const std::string& source = "<input>", int number = 1);

// Currencies registered by the library's static constructors, sorted.
std::vector<std::string> currencies();

// Sum of cents per currency.
std::map<std::string, long long> totals(const std::vector<Entry>& entries);

// Every "*.txt" file under dir, each read and parsed on its own thread; the first error of any
// file is rethrown here. Entries come back sorted by date, then category.
std::vector<Entry> load_dir(const std::filesystem::path& dir);

// "-12.50", "1234.05".
std::string format_cents(long long cents);

}  // namespace ledger
