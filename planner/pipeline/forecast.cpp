#include "planner/pipeline/forecast.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <unordered_map>

#include "planner/model/topic_index.hpp"
#include "planner/store/store.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"
#include "planner/util/thread_group.hpp"

namespace rplan::pipeline {

namespace {

// splitmix64: a small generator whose output is fixed by its definition (the
// standard library's distributions are not), so a seed gives the same draws
// with any compiler.
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Draws {
 public:
  Draws(std::uint64_t seed, std::uint64_t run) : m_state(mix(seed) ^ mix(run + 1)) {}
  // Uniform in [0, 1), 53 bits.
  double uniform() {
    m_state += 0x9E3779B97F4A7C15ULL;
    return static_cast<double>(mix(m_state) >> 11) * 0x1.0p-53;
  }

 private:
  std::uint64_t m_state;
};

// The nearest-rank percentile (`percent` of 100) of dates in order.
util::Date percentile(const std::vector<util::Date>& sorted, std::size_t percent) {
  const std::size_t n = sorted.size();
  const std::size_t rank = (percent * n + 99) / 100;  // ceil(percent / 100 * n)
  return sorted[std::max<std::size_t>(rank, 1) - 1];
}

Percentiles percentiles(std::vector<util::Date> dates) {
  std::sort(dates.begin(), dates.end());
  return {percentile(dates, 50), percentile(dates, 85), percentile(dates, 95)};
}

// The dates a run ends on, per topic and person.
struct Layout {
  std::vector<std::uint32_t> topic_of;  // by task: index into Forecast::topics, or UINT32_MAX
  std::unordered_map<std::string, std::uint32_t> person_of;  // by name: index into the team by name
  std::vector<std::string> people;                           // by name
  std::size_t topics = 0;
};

}  // namespace

WorkDraws::WorkDraws(const model::Project& project, bool from_history)
    : m_from_history(from_history) {
  m_three.resize(project.tasks.size());
  for (std::size_t i = 0; i < project.tasks.size(); ++i) {
    const model::Task& t = project.tasks[i];
    if (t.status == model::TaskStatus::done) {
      if (t.spent_hours > 0 && t.estimate.hours > 0) {
        const double ratio = t.spent_hours / t.estimate.hours;
        m_all.push_back(ratio);
        m_kind[static_cast<std::size_t>(t.kind)].push_back(ratio);
      }
      continue;
    }
    m_open.push_back(i);
    m_three[i] = model::three_point(t);
  }
  if (!from_history) return;
  if (m_all.size() < k_history_minimum) {
    throw InputError("forecast --from-history needs at least " + std::to_string(k_history_minimum) +
                     " finished tasks with hours spent (rplan task ID --spent H); there are " +
                     std::to_string(m_all.size()));
  }
  // By kind when every kind with work left has enough of its own.
  m_by_kind = true;
  for (std::size_t i : m_open) {
    const auto kind = static_cast<std::size_t>(project.tasks[i].kind);
    if (m_kind[kind].size() < k_history_minimum) m_by_kind = false;
  }
}

void WorkDraws::apply(model::Project& project, std::uint64_t seed, std::uint64_t run) const {
  Draws draws(seed, run);
  for (std::size_t i : m_open) {
    model::Task& t = project.tasks[i];
    const model::ThreePoint& three = m_three[i];
    const double u = draws.uniform();
    double total;
    if (m_from_history) {
      const auto& pool = m_by_kind ? m_kind[static_cast<std::size_t>(t.kind)] : m_all;
      const auto pick = std::min(pool.size() - 1, static_cast<std::size_t>(u * pool.size()));
      total = three.likely * pool[pick];
    } else {
      total = triangular(three, u);
    }
    if (t.remaining_hours && three.likely > 0) {
      t.remaining_hours = *t.remaining_hours * (total / three.likely);
    }
    t.estimate.hours = total;
  }
}

double triangular(const model::ThreePoint& three, double u) {
  double v[3] = {three.optimistic, three.likely, three.pessimistic};
  std::sort(v, v + 3);
  const double a = v[0], m = v[1], b = v[2];
  if (b <= a) return m;
  const double fm = (m - a) / (b - a);
  if (u < fm) return a + std::sqrt(u * (b - a) * (m - a));
  return b - std::sqrt((1 - u) * (b - a) * (b - m));
}

Forecast forecast(const model::Project& loaded, const ForecastOptions& options) {
  if (options.runs == 0) throw UsageError("--runs must be at least 1");
  model::Project base = loaded;
  if (options.plan.from_now) base.plan.now = *options.plan.from_now;
  const std::size_t n = base.tasks.size();
  std::vector<std::size_t> open;  // tasks not done
  for (std::size_t i = 0; i < n; ++i) {
    if (base.tasks[i].status != model::TaskStatus::done) open.push_back(i);
  }
  if (open.empty()) throw InputError("there is no work left to forecast: every task is done");

  Forecast result;
  result.runs = options.runs;
  result.seed = options.seed;
  result.from_history = options.from_history;
  const WorkDraws draws(base, options.from_history);
  if (options.from_history) {
    result.by_kind = draws.by_kind();
    result.history = draws.history();
  }
  {
    model::Project likely = base;
    schedule::make_plan(likely, options.plan);  // throws on a cycle, before any thread starts
    result.planned = likely.plan.finish;
  }

  // Topics with work left, and the people.
  Layout layout;
  {
    const model::TopicIndex index(base.topics);
    std::vector<std::uint32_t> slot(base.topics.size(), UINT32_MAX);
    layout.topic_of.assign(n, UINT32_MAX);
    for (std::size_t i : open) {
      const auto topic = index.find(base.tasks[i].topic_id);
      if (!topic) continue;
      if (slot[*topic] == UINT32_MAX) slot[*topic] = 0;
    }
    for (std::size_t k = 0; k < base.topics.size(); ++k) {
      if (slot[k] == UINT32_MAX) continue;
      slot[k] = static_cast<std::uint32_t>(result.topics.size());
      result.topics.push_back({base.topics[k].id, base.topics[k].title, {}});
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (const auto topic = index.find(base.tasks[i].topic_id)) layout.topic_of[i] = slot[*topic];
    }
    layout.topics = result.topics.size();
    for (const model::Assignee& a : base.team) layout.people.push_back(a.name);
    std::sort(layout.people.begin(), layout.people.end());
    for (std::uint32_t p = 0; p < layout.people.size(); ++p) layout.person_of[layout.people[p]] = p;
  }
  const std::size_t topics = layout.topics, people = layout.people.size();
  std::vector<util::Date> plan_finish(options.runs);
  std::vector<util::Date> topic_finish(options.runs * topics);
  std::vector<util::Date> person_finish(options.runs * people);
  std::vector<char> person_worked(options.runs * people, 0);

  const std::size_t threads = std::max<std::size_t>(options.threads, 1);
  std::vector<std::vector<std::uint32_t>> critical(threads);
  std::atomic<std::size_t> next{0};
  auto work = [&](std::size_t worker) {
    std::vector<std::uint32_t>& counts = critical[worker];
    counts.assign(n, 0);
    model::Project project = base;
    std::vector<schedule::StartReason> reasons;
    for (std::size_t run = next++; run < options.runs; run = next++) {
      project.tasks = base.tasks;  // reuses each task's storage
      project.plan = base.plan;
      draws.apply(project, options.seed, run);
      schedule::make_plan(project, options.plan, reasons);
      plan_finish[run] = project.plan.finish;
      util::Date* topic_row = topic_finish.data() + run * topics;
      std::fill(topic_row, topic_row + topics, project.plan.start);
      util::Date* person_row = person_finish.data() + run * people;
      char* worked_row = person_worked.data() + run * people;
      std::fill(person_row, person_row + people, project.plan.start);
      for (std::size_t i = 0; i < n; ++i) {
        const model::Task& t = project.tasks[i];
        if (t.blocks.empty()) continue;
        const std::uint32_t k = layout.topic_of[i];
        if (k != UINT32_MAX) topic_row[k] = std::max(topic_row[k], t.blocks.back().date);
        // New blocks are all the assignee's: one look-up per task.
        if (t.blocks.back().history) continue;
        const auto p = layout.person_of.find(t.assignee);
        if (p == layout.person_of.end()) continue;
        person_row[p->second] = std::max(person_row[p->second], t.blocks.back().date);
        worked_row[p->second] = 1;
      }
      for (std::size_t i : schedule::critical_chain(project, reasons)) ++counts[i];
    }
  };
  {
    util::ThreadGroup group(threads - 1);
    for (std::size_t w = 1; w < threads; ++w) {
      if (!group.start([&work, w] { work(w); })) break;
    }
    work(0);
    group.join();
  }

  result.finishes = plan_finish;
  std::sort(result.finishes.begin(), result.finishes.end());
  result.plan = percentiles(plan_finish);
  std::vector<util::Date> dates(options.runs);
  for (std::size_t k = 0; k < topics; ++k) {
    for (std::size_t r = 0; r < options.runs; ++r) dates[r] = topic_finish[r * topics + k];
    result.topics[k].finish = percentiles(dates);
  }
  for (std::size_t p = 0; p < people; ++p) {
    bool worked = false;
    for (std::size_t r = 0; r < options.runs; ++r) {
      dates[r] = person_finish[r * people + p];
      worked = worked || person_worked[r * people + p];
    }
    if (worked) result.people.push_back({layout.people[p], percentiles(dates)});
  }
  for (std::size_t i : open) {
    std::uint64_t count = 0;
    for (const auto& counts : critical) count += counts.empty() ? 0 : counts[i];
    result.tasks.push_back({base.tasks[i].id, base.tasks[i].prompt,
                            static_cast<double>(count) / static_cast<double>(options.runs)});
  }
  return result;
}

KeptForecast forecast(const std::filesystem::path& db, const ForecastOptions& options,
                      KeepForecast keep, Reporter& reporter) {
  model::Project project;
  {
    store::Store store(db, store::Access::read_only);
    reporter.stage("loading the project");
    project = store.load_project();
  }
  if (project.team.empty()) {
    throw UsageError(
        "there is no team to forecast for: add people with rplan team add NAME or "
        "rplan team import FILE.csv");
  }
  reporter.stage("forecasting " + std::to_string(options.runs) + " runs of " +
                 std::to_string(project.tasks.size()) + " tasks");
  KeptForecast result;
  result.forecast = forecast(project, options);
  if (options.plan.from_now) result.forecast.made_at = *options.plan.from_now;
  if (keep == KeepForecast::with_plan) {
    const model::PlanInfo& plan = project.plan;
    if (!plan.exists) {
      result.not_kept = "there is no plan yet (rplan plan)";
    } else if (!plan.stale_reasons.empty()) {
      result.not_kept = "the plan is out of date (" + util::join(plan.stale_reasons, "; ") +
                        "): run rplan plan, then rplan forecast";
    } else {
      reporter.stage("keeping the forecast with the plan");
      try {
        store::Store store(db, store::Access::read_write);
        store::Store::Transaction tx(store);
        store.save_forecast(result.forecast, plan.created_at);
        tx.commit();
        result.kept = true;
      } catch (const OutputError& e) {  // a read-only database
        result.not_kept = e.what();
      } catch (const InputError& e) {  // planned again meanwhile
        result.not_kept = e.what();
      }
    }
  }
  reporter.stage_done();
  return result;
}

}  // namespace rplan::pipeline
