// The C++ part of ckcalc: a summary object built on the C library, with exceptions for bad input.
#include "summary.hpp"

#include <sstream>
#include <stdexcept>

#include "calc.h"

namespace ckcalc {

Summary Summary::of(const std::vector<std::string> &words) {
  if (words.empty()) throw std::invalid_argument("no numbers given");
  std::vector<double> values;
  for (const auto &w : words) {
    int64_t v;
    if (calc_parse_i64(w.c_str(), &v) != 0) throw std::invalid_argument("not a number: " + w);
    values.push_back(static_cast<double>(v));
  }
  return Summary{values.size(), calc_mean(values.data(), values.size()),
                 calc_stddev(values.data(), values.size())};
}

std::string Summary::str() const {
  std::ostringstream out;
  out << "n=" << count << " mean=" << mean << " stddev=" << stddev;
  return out.str();
}

}  // namespace ckcalc
