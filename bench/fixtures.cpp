#include "bench/fixtures.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include "bench/dataset.hpp"
#include "planner/estimate/estimator.hpp"
#include "planner/parse/team_csv.hpp"
#include "planner/parse/topic_parser.hpp"
#include "planner/schedule/scheduler.hpp"
#include "planner/util/dates.hpp"

namespace rplan::bench {

namespace {

DatasetOptions options_for(std::size_t tasks, std::size_t people = 0) {
  DatasetOptions o;
  o.tasks = tasks;
  o.people = people == 0 ? people_for(tasks) : people;
  return o;
}

std::vector<model::Holiday> holidays() {
  std::vector<model::Holiday> out;
  const std::string text = holidays_text();
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    const std::string line = text.substr(pos, end - pos);
    out.push_back({*util::parse_date(line.substr(0, 10)), line.substr(11)});
    pos = end + 1;
  }
  return out;
}

}  // namespace

std::size_t people_for(std::size_t tasks) { return tasks / 300 < 5 ? 5 : tasks / 300; }

const std::string& document_text(std::size_t tasks) {
  static std::map<std::size_t, std::string> cache;
  auto it = cache.find(tasks);
  if (it == cache.end()) it = cache.emplace(tasks, topics_document(options_for(tasks))).first;
  return it->second;
}

model::ParsedDocument parsed_document(std::size_t tasks) {
  model::ParsedDocument doc = parse::parse_topics(document_text(tasks), "topics.md");
  const estimate::Model estimates;
  for (auto& topic : doc.topics) {
    for (auto& prompt : topic.prompts) {
      prompt.kind = estimate::classify(prompt.text);
      prompt.estimate = estimate::estimate(prompt.text, estimates);
    }
  }
  return doc;
}

model::Project unplanned_project(std::size_t tasks) { return unplanned_project(tasks, 0); }

model::Project unplanned_project(std::size_t tasks, std::size_t people) {
  const model::ParsedDocument doc = parsed_document(tasks);
  model::Project p;
  p.title = doc.title;
  for (const auto& topic : doc.topics) {
    model::Topic t;
    t.id = "t" + std::to_string(p.topics.size() + 1);
    t.document = doc.name;
    t.number = topic.number;
    t.title = topic.title;
    t.focus = topic.focus;
    t.skills = topic.skills;
    t.ordinal = static_cast<int>(p.topics.size());
    int position = 0;
    for (const auto& prompt : topic.prompts) {
      model::Task k;
      k.id = "k" + std::to_string(p.tasks.size() + 1);
      k.topic_id = t.id;
      k.position = ++position;
      k.kind = prompt.kind;
      k.prompt = prompt.text;
      k.estimate = prompt.estimate;
      p.tasks.push_back(std::move(k));
    }
    p.topics.push_back(std::move(t));
  }
  p.team = parse::parse_team_csv(team_csv(options_for(tasks, people)), "team.csv");
  std::sort(p.team.begin(), p.team.end(),
            [](const model::Assignee& a, const model::Assignee& b) { return a.name < b.name; });
  p.holidays = holidays();
  return p;
}

const model::Project& planned_project(std::size_t tasks) {
  static std::map<std::size_t, std::unique_ptr<model::Project>> cache;
  auto it = cache.find(tasks);
  if (it == cache.end()) {
    auto p = std::make_unique<model::Project>(unplanned_project(tasks));
    schedule::Options options;
    options.start = *util::parse_date("2026-12-07");
    schedule::make_plan(*p, options);
    p->plan.created_at = util::Instant{std::chrono::seconds{1796083200}};
    it = cache.emplace(tasks, std::move(p)).first;
  }
  return *it->second;
}

}  // namespace rplan::bench
