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

using Stream = std::function<void(const model::Project&, const ExportOptions&, std::ostream&)>;

// A text format's row: the stream writer, and the file writer made of it
// (streamed into an atomic file).
ExportFormat text_format(std::string name, std::string run_file, std::string media_type,
                         Stream stream) {
  ExportFormat f;
  f.name = std::move(name);
  f.run_file = std::move(run_file);
  f.media_type = std::move(media_type);
  f.stream = stream;
  f.write = [stream](const model::Project& p, const ExportOptions& o,
                     const std::filesystem::path& out) {
    util::AtomicFile file(out);
    stream(p, o, file.stream());
    if (o.before_publish) o.before_publish();
    file.commit();
    return std::vector<std::filesystem::path>{out};
  };
  return f;
}

exporters::IcsOptions ics_options(const ExportOptions& o) {
  exporters::IcsOptions ics;
  ics.mode = o.ics_mode;
  ics.assignee = o.assignee;
  ics.cancelled_retention_days = o.cancelled_retention_days;
  return ics;
}

std::vector<ExportFormat> make_formats() {
  std::vector<ExportFormat> formats;
  ExportFormat xlsx;
  xlsx.name = "xlsx";
  xlsx.run_file = "plan.xlsx";
  xlsx.media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  xlsx.write = [](const model::Project& p, const ExportOptions& o,
                  const std::filesystem::path& out) {
    // Atomic itself: libxlsxwriter writes by file name.
    exporters::write_xlsx(p, out, {}, o.before_publish, o.baseline ? &*o.baseline : nullptr);
    return std::vector<std::filesystem::path>{out};
  };
  formats.push_back(std::move(xlsx));
  formats.push_back(
      text_format("json", "plan.json", "application/json",
                  [](const model::Project& p, const ExportOptions& o, std::ostream& out) {
                    exporters::write_json(p, exporters::JsonDocument::plan, out,
                                          o.baseline ? &*o.baseline : nullptr);
                  }));
  formats.push_back(text_format("csv", "plan.csv", "text/csv; charset=utf-8",
                                [](const model::Project& p, const ExportOptions&,
                                   std::ostream& out) { exporters::write_tasks_csv(p, out); }));
  ExportFormat ics =
      text_format("ics", "plan.ics", "text/calendar; charset=utf-8",
                  [](const model::Project& p, const ExportOptions& o, std::ostream& out) {
                    exporters::write_ics(p, ics_options(o), out);
                  });
  ics.run_folder = "calendars";
  auto write_file = ics.write;
  ics.write = [write_file](const model::Project& p, const ExportOptions& o,
                           const std::filesystem::path& out) {
    if (!o.per_assignee) return write_file(p, o, out);
    // --out is a folder: one file per person with work
    return exporters::write_ics_per_assignee(p, ics_options(o), out, o.before_publish);
  };
  formats.push_back(std::move(ics));
  formats.push_back(
      text_format("md", "checklist.md", "text/markdown; charset=utf-8",
                  [](const model::Project& p, const ExportOptions& o, std::ostream& out) {
                    exporters::write_checklist(p, o.md_group, out);
                  }));
  formats.push_back(text_format(
      "html", "report.html", "text/html; charset=utf-8",
      [](const model::Project& p, const ExportOptions& o, std::ostream& out) {
        exporters::write_html_report(p, o.today, out, o.baseline ? &*o.baseline : nullptr);
      }));
  // FORMATS: one entry per format. `run` writes those with a file name, on several
  // threads, taking them in this order: the slowest first.
  return formats;
}

}  // namespace

const std::vector<ExportFormat>& export_formats() {
  static const std::vector<ExportFormat> formats = make_formats();
  return formats;
}

}  // namespace rplan::pipeline
