#ifndef CKCALC_SUMMARY_HPP
#define CKCALC_SUMMARY_HPP
#include <cstddef>
#include <string>
#include <vector>

namespace ckcalc {
struct Summary {
  std::size_t count;
  double mean;
  double stddev;
  // Throws std::invalid_argument on an empty list or a word that is not an integer.
  static Summary of(const std::vector<std::string> &words);
  std::string str() const;
};
}  // namespace ckcalc
#endif
