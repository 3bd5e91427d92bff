#include "planner/model/forecast.hpp"

namespace rplan::model {

std::vector<FinishShare> finish_curve(const Forecast& forecast) {
  std::vector<FinishShare> curve;
  const auto& f = forecast.finishes;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (i + 1 < f.size() && f[i + 1] == f[i]) continue;  // the last run of each date
    curve.push_back({f[i], i + 1, static_cast<double>(i + 1) / static_cast<double>(f.size())});
  }
  return curve;
}

}  // namespace rplan::model
