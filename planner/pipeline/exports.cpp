#include "planner/pipeline/exports.hpp"

#include "exporters/csv_export.hpp"
#include "exporters/html_export.hpp"
#include "exporters/ics_export.hpp"
#include "exporters/json_export.hpp"
#include "exporters/markdown_export.hpp"
#include "exporters/xlsx_writer.hpp"
#include "planner/util/atomic_file.hpp"

namespace rplan::pipeline {

namespace {

// Wraps a writer of std::ostream as an atomic file writer.
template <class F>
auto streamed(F write) {
  return
      [write](const model::Project& p, const ExportOptions& o, const std::filesystem::path& out) {
        util::AtomicFile file(out);
        write(p, o, file.stream());
        if (o.before_publish) o.before_publish();
        file.commit();
      };
}

}  // namespace

const std::vector<ExportFormat>& export_formats() {
  static const std::vector<ExportFormat> formats = {
      {"xlsx", "plan.xlsx", "",
       [](const model::Project& p, const ExportOptions& o, const std::filesystem::path& out) {
         // Atomic itself: libxlsxwriter writes by file name.
         exporters::write_xlsx(p, out, {}, o.before_publish);
       }},
      {"json", "plan.json", "",
       streamed([](const model::Project& p, const ExportOptions&, std::ostream& out) {
         exporters::write_json(p, exporters::JsonDocument::plan, out);
       })},
      {"csv", "", "",
       streamed([](const model::Project& p, const ExportOptions&, std::ostream& out) {
         exporters::write_tasks_csv(p, out);
       })},
      {"ics", "plan.ics", "calendars",
       [](const model::Project& p, const ExportOptions& o, const std::filesystem::path& out) {
         if (o.per_assignee) {  // --out is a folder: one file per person with work
           exporters::write_ics_per_assignee(p, o.ics_mode, out, o.before_publish);
           return;
         }
         util::AtomicFile file(out);
         exporters::write_ics(p, exporters::IcsOptions{o.ics_mode, ""}, file.stream());
         if (o.before_publish) o.before_publish();
         file.commit();
       }},
      {"md", "checklist.md", "",
       streamed([](const model::Project& p, const ExportOptions& o, std::ostream& out) {
         exporters::write_checklist(p, o.md_group, out);
       })},
      {"html", "report.html", "",
       streamed([](const model::Project& p, const ExportOptions& o, std::ostream& out) {
         exporters::write_html_report(p, o.today, out);
       })},
      // FORMATS: one entry per format. `run` writes those with a file name, on several
      // threads, taking them in this order: the slowest first.
  };
  return formats;
}

}  // namespace rplan::pipeline
