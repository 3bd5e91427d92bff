#include "planner/model/forecast.hpp"

#include <algorithm>
#include <chrono>

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

std::size_t finished_by(const Forecast& forecast, util::Date date) {
  const auto& f = forecast.finishes;
  return static_cast<std::size_t>(std::upper_bound(f.begin(), f.end(), date) - f.begin());
}

CurveDays curve_days(const Forecast& forecast) {
  const auto& f = forecast.finishes;
  return {std::min(f.front(), forecast.planned) - std::chrono::days{1},
          std::max(f.back(), forecast.planned)};
}

std::vector<std::size_t> critical_order(const Forecast& forecast) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < forecast.tasks.size(); ++i) {
    if (forecast.tasks[i].critical_share > 0) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return forecast.tasks[a].critical_share > forecast.tasks[b].critical_share;
  });
  return order;
}

}  // namespace rplan::model
