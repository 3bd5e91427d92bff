#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "exporters/ics_export.hpp"
#include "exporters/markdown_export.hpp"
#include "planner/model/baseline.hpp"
#include "planner/model/calendar_items.hpp"
#include "planner/model/model.hpp"

namespace rplan::pipeline {

// Options of `rplan export` and `rplan run` that some formats read, parsed
// once by the command line (exporters::parse_ics_mode and
// exporters::parse_checklist_group name the values).
struct ExportOptions {
  bool per_assignee = false;                                 // ics: one file per person
  exporters::IcsMode ics_mode = exporters::IcsMode::events;  // ics: --mode
  exporters::ChecklistGroup md_group = exporters::ChecklistGroup::topic;  // md: --group
  util::Date today{};                                                     // html: the "today" line
  // ics: "" the whole plan, else only this person's calendar (a feed).
  std::string assignee;
  // ics: how long items that left a calendar are written as cancelled
  // (exporters::IcsOptions): the configuration's [calendar]
  // cancelled_retention_days; unset for a feed, which is read whole.
  std::optional<int> cancelled_retention_days = model::k_cancelled_retention_days;
  // json, xlsx, html: the baseline to compare with (`export --baseline NAME`), loaded by
  // export_plan from baseline_name; nullopt: none.
  std::string baseline_name;
  std::optional<model::Baseline> baseline;
  // Called by every writer right before a finished file replaces its target
  // (`run` waits there for the database commit); when it throws, the target
  // is left as it was. Empty: no wait.
  std::function<void()> before_publish;
};

// One export format: its name, the file `run` writes it to, and the writer,
// which streams to a temporary file and renames it over `out` (a failed export
// leaves the previous file as it was) and returns the files it wrote: `out`,
// or for ics --per-assignee each person's calendar in the folder `out`. A
// text format also writes to a stream (what `rplan serve` sends, with its
// media type).
struct ExportFormat {
  std::string name;
  std::string run_file;  // "plan.json"
  // Where `run --per-assignee` writes this format's one-file-per-person
  // folder ("" when the format has no such mode).
  std::string run_folder;
  std::function<std::vector<std::filesystem::path>(const model::Project&, const ExportOptions&,
                                                   const std::filesystem::path&)>
      write;
  std::string media_type;  // "application/json"
  // Empty for a format written only as a file (xlsx); ignores per_assignee.
  std::function<void(const model::Project&, const ExportOptions&, std::ostream&)> stream;
};

// Every format this build writes, in the order `run` writes them.
const std::vector<ExportFormat>& export_formats();

}  // namespace rplan::pipeline
