#pragma once

#include <atomic>
#include <filesystem>
#include <string>

#include "planner/estimate/estimator.hpp"
#include "planner/model/model.hpp"
#include "planner/store/store.hpp"

namespace rplan::cli {

// The whole file as bytes; MissingInputError (exit 66) naming it when it is
// missing, a folder, or unreadable.
std::string read_text_file(const std::filesystem::path& path);

// Reads, parses and estimates topic documents (each with the absolute
// folder it was read from). Every problem of every file is
// collected; then one DiagnosticsError (exit 65) carries them all. Two files
// with the same name (the documents' identity) are refused.
std::vector<model::ParsedDocument> read_documents(const std::vector<std::string>& files,
                                                  const estimate::Model& estimates);
// read_documents in two steps: parse_documents reads and checks (the same
// errors), estimate_documents fills in every prompt's kind and estimate.
std::vector<model::ParsedDocument> parse_documents(const std::vector<std::string>& files);
void estimate_documents(std::vector<model::ParsedDocument>& docs, const estimate::Model& estimates);

// estimate_documents shared by threads: each thread that calls work() takes
// the next run of topics until none is left (any number at once).
class EstimateWork {
 public:
  EstimateWork(std::vector<model::ParsedDocument>& docs, const estimate::Model& estimates);
  void work();

 private:
  static constexpr std::size_t k_chunk = 256;  // topics
  struct Chunk {
    model::ParsedDocument* doc;
    std::size_t first, last;
  };
  const estimate::Model& m_estimates;
  std::vector<Chunk> m_chunks;
  std::atomic<std::size_t> m_next{0};
};

// The team in the database at `db`, or nobody when there is no database yet
// (read before a team file is applied, so that it updates people in place).
std::vector<model::Assignee> current_team(const std::filesystem::path& db);

// One line per imported document (added / updated / unchanged / removed),
// then a line per task whose text changed (old -> new, each shortened). To
// `err`, one warning each ("DOC: warning: ...") for a done or in-progress task
// paired with a prompt of another meaning, a topic archived with done or
// in-progress work (and how to bring it back), and a document whose name was
// imported before from another folder.
void print_import_reports(const std::vector<store::ImportReport>& reports, std::ostream& out,
                          std::ostream& err);

// `text` cut to at most `width` code points, ending in "…" when cut.
std::string shorten(const std::string& text, std::size_t width);

// The name `given` names (model::require_person: exact, else but for case;
// InputError naming who exists when nobody), among the team and `others`:
// names the data still holds of people who left it (a plan's assignees, the
// work log's).
std::string resolve_name(std::vector<model::Assignee> team, const std::vector<std::string>& others,
                         std::string_view given);

// "2026-12-07 09:00" in the block's local time.
std::string local_time(const model::WorkBlock& block, bool end);

}  // namespace rplan::cli
