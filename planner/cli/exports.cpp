#include "planner/cli/exports.hpp"

#include "exporters/csv_export.hpp"
#include "exporters/json_export.hpp"
#include "planner/util/atomic_file.hpp"

namespace rplan::cli {

namespace {

// Wraps a writer of std::ostream as an atomic file writer.
template <class F>
auto streamed(F write) {
  return [write](const model::Project& p, const ExportOptions& o, const std::filesystem::path& out) {
    util::AtomicFile file(out);
    write(p, o, file.stream());
    file.commit();
  };
}

}  // namespace

const std::vector<ExportFormat>& export_formats() {
  static const std::vector<ExportFormat> formats = {
      {"json", "plan.json", streamed([](const model::Project& p, const ExportOptions&, std::ostream& out) {
         exporters::write_json(p, exporters::JsonDocument::plan, out);
       })},
      {"csv", "", streamed([](const model::Project& p, const ExportOptions&, std::ostream& out) {
         exporters::write_tasks_csv(p, out);
       })},
      // FORMATS: one entry per format; `run` writes those with a file name, in this order.
  };
  return formats;
}

}  // namespace rplan::cli
