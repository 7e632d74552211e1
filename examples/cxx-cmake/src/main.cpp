// ledger: sums account lines per currency.
//   ledger LINE...          lines given as arguments
//   ledger --dir DIR        every *.txt under DIR (one thread per file)
// Exit code 0; 2 with one message on stderr when a line cannot be read.
#include <iostream>
#include <string>
#include <vector>

#include "ledger/ledger.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    std::vector<ledger::Entry> entries;
    if (args.size() == 2 && args[0] == "--dir") {
      entries = ledger::load_dir(args[1]);
    } else {
      for (size_t i = 0; i < args.size(); ++i) entries.push_back(ledger::parse(args[i], "argument", int(i) + 1));
    }
    for (const auto& [currency, cents] : ledger::totals(entries)) {
      std::cout << currency << ' ' << ledger::format_cents(cents) << '\n';
    }
    std::cout << entries.size() << " entries" << std::endl;
    return 0;
  } catch (const ledger::ParseError& e) {
    std::cerr << "ledger: " << e.what() << std::endl;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "ledger: " << e.what() << std::endl;
    return 1;
  }
}
