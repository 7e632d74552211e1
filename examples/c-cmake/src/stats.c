#include <math.h>
#include "calc.h"

double calc_mean(const double *v, size_t n) {
  double sum = 0;
  for (size_t i = 0; i < n; i++) sum += v[i];
  return sum / (double)n;
}

double calc_stddev(const double *v, size_t n) {
  double m = calc_mean(v, n), acc = 0;
  for (size_t i = 0; i < n; i++) acc += (v[i] - m) * (v[i] - m);
  return sqrt(acc / (double)n);
}
