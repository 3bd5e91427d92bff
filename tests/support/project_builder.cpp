#include "tests/support/project_builder.hpp"

#include <algorithm>
#include <stdexcept>

#include "planner/util/dates.hpp"
#include "planner/util/time_zone.hpp"

namespace rplan::testing {

model::Date day(std::string_view iso) {
  const auto d = util::parse_date(iso);
  if (!d) throw std::invalid_argument("not a date: " + std::string(iso));
  return *d;
}

model::Instant instant(std::string_view rfc3339) {
  const auto t = util::parse_rfc3339(rfc3339);
  if (!t) throw std::invalid_argument("not an RFC 3339 instant: " + std::string(rfc3339));
  return *t;
}

model::Assignee person(std::string name, std::string timezone, std::string email) {
  model::Assignee a;
  a.name = std::move(name);
  a.timezone = std::move(timezone);
  a.email = std::move(email);
  return a;
}

model::WorkBlock block(std::string_view zone, model::Date date, std::string_view clock, int minutes,
                       int sequence) {
  const auto start = util::parse_clock(clock);
  if (!start) throw std::invalid_argument("not a clock time: " + std::string(clock));
  model::WorkBlock b;
  b.date = date;
  b.start_minute = *start;
  b.minutes = minutes;
  b.utc_start = util::TimeZone(std::string(zone)).to_utc(b.date, b.start_minute);
  b.utc_end = b.utc_start + std::chrono::minutes{minutes};
  b.sequence = sequence;
  return b;
}

model::WorkBlock block(std::string_view zone, std::string_view date, std::string_view clock,
                       int minutes, int sequence) {
  return block(zone, day(date), clock, minutes, sequence);
}

model::Task task(std::string id, std::string topic, int position, model::TaskKind kind,
                 std::string prompt, double hours) {
  model::Task t;
  t.id = std::move(id);
  t.topic_id = std::move(topic);
  t.position = position;
  t.kind = kind;
  t.prompt = std::move(prompt);
  t.estimate.hours = t.estimate.likely = hours;
  return t;
}

void plan(model::Task& t, std::string assignee, std::vector<model::WorkBlock> blocks,
          int sequence) {
  if (blocks.empty()) throw std::invalid_argument("plan " + t.id + ": no blocks");
  t.assignee = std::move(assignee);
  t.blocks = std::move(blocks);
  t.start = t.blocks.front().utc_start;
  t.finish = t.blocks.back().utc_end;
  t.sequence = sequence;
}

ProjectBuilder::ProjectBuilder(std::string title) { m_project.title = std::move(title); }

ProjectBuilder& ProjectBuilder::person(std::string name, std::string timezone, std::string email) {
  return person(testing::person(std::move(name), std::move(timezone), std::move(email)));
}

ProjectBuilder& ProjectBuilder::person(model::Assignee a) {
  m_project.team.push_back(std::move(a));
  return *this;
}

ProjectBuilder& ProjectBuilder::team(std::vector<model::Assignee> people) {
  m_project.team = std::move(people);
  return *this;
}

ProjectBuilder& ProjectBuilder::holiday(std::string_view date, std::string name) {
  m_project.holidays.push_back({day(date), std::move(name)});
  return *this;
}

ProjectBuilder& ProjectBuilder::time_off(std::string name, std::string_view from,
                                         std::string_view to, std::string reason) {
  m_project.time_off.push_back({std::move(name), day(from), day(to), std::move(reason)});
  return *this;
}

ProjectBuilder& ProjectBuilder::document(std::string name) {
  m_document = std::move(name);
  return *this;
}

ProjectBuilder& ProjectBuilder::topic(std::string id, std::string title) {
  model::Topic& t = m_project.topics.emplace_back();
  t.ordinal = static_cast<int>(m_project.topics.size()) - 1;
  t.id = id.empty() ? "topic" + std::to_string(t.ordinal + 1) : std::move(id);
  t.document = m_document;
  t.title = std::move(title);
  m_topic = m_project.topics.size() - 1;
  return *this;
}

model::Topic& ProjectBuilder::last_topic() {
  if (m_project.topics.empty()) throw std::logic_error("ProjectBuilder: no topic yet");
  return m_project.topics[m_topic];
}

ProjectBuilder& ProjectBuilder::number(int number) {
  last_topic().number = number;
  return *this;
}

ProjectBuilder& ProjectBuilder::focus(std::string focus) {
  last_topic().focus = std::move(focus);
  return *this;
}

ProjectBuilder& ProjectBuilder::skills(std::vector<std::string> skills) {
  last_topic().skills = std::move(skills);
  return *this;
}

ProjectBuilder& ProjectBuilder::in_topic(const std::string& id) {
  for (std::size_t i = 0; i < m_project.topics.size(); ++i) {
    if (m_project.topics[i].id == id) {
      m_topic = i;
      return *this;
    }
  }
  throw std::logic_error("ProjectBuilder: no topic " + id);
}

ProjectBuilder& ProjectBuilder::task(std::string id, model::TaskKind kind, std::string prompt,
                                     double hours) {
  const std::string& topic = last_topic().id;
  m_project.tasks.push_back(
      testing::task(std::move(id), topic, ++m_tasks_of[topic], kind, std::move(prompt), hours));
  return *this;
}

model::Task& ProjectBuilder::last_task() {
  if (m_project.tasks.empty()) throw std::logic_error("ProjectBuilder: no task yet");
  return m_project.tasks.back();
}

ProjectBuilder& ProjectBuilder::estimate(model::Estimate estimate) {
  last_task().estimate = estimate;
  return *this;
}

ProjectBuilder& ProjectBuilder::status(model::TaskStatus status) {
  last_task().status = status;
  return *this;
}

ProjectBuilder& ProjectBuilder::pinned(std::string person) {
  last_task().pinned_assignee = std::move(person);
  return *this;
}

ProjectBuilder& ProjectBuilder::after(std::vector<std::string> ids) {
  last_task().after = ids;
  last_task().depends_on = std::move(ids);
  return *this;
}

ProjectBuilder& ProjectBuilder::depends_on(std::vector<std::string> ids) {
  last_task().depends_on = std::move(ids);
  return *this;
}

ProjectBuilder& ProjectBuilder::planned(std::string assignee, std::vector<model::WorkBlock> blocks,
                                        int sequence) {
  testing::plan(last_task(), std::move(assignee), std::move(blocks), sequence);
  return *this;
}

ProjectBuilder& ProjectBuilder::unassigned() {
  m_project.plan.unassigned.push_back(last_task().id);
  return *this;
}

ProjectBuilder& ProjectBuilder::plan(std::string_view start, std::string_view finish) {
  return plan(day(start), day(finish));
}

ProjectBuilder& ProjectBuilder::plan(model::Date start, model::Date finish) {
  m_project.plan.exists = true;
  m_project.plan.start = start;
  m_project.plan.finish = finish;
  return *this;
}

ProjectBuilder& ProjectBuilder::created_at(std::string_view rfc3339) {
  m_project.plan.created_at = instant(rfc3339);
  return *this;
}

ProjectBuilder& ProjectBuilder::total_hours(double hours) {
  m_project.plan.total_hours = hours;
  return *this;
}

model::Project ProjectBuilder::build() const {
  model::Project p = m_project;
  std::stable_sort(p.tasks.begin(), p.tasks.end(), [&](const model::Task& x, const model::Task& y) {
    const auto ordinal = [&](const std::string& topic) {
      for (const auto& t : p.topics) {
        if (t.id == topic) return t.ordinal;
      }
      return static_cast<int>(p.topics.size());
    };
    return ordinal(x.topic_id) < ordinal(y.topic_id);
  });
  return p;
}

}  // namespace rplan::testing
