#include "planner/pipeline/run.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <system_error>
#include <utility>

#include "planner/estimate/documents.hpp"
#include "planner/parse/files.hpp"
#include "planner/parse/team_csv.hpp"
#include "planner/pipeline/export_pool.hpp"
#include "planner/pipeline/stages.hpp"
#include "planner/util/error.hpp"
#include "planner/util/thread_group.hpp"

namespace rplan::pipeline {

namespace fs = std::filesystem;

namespace {

// One `run`, stage by stage. The members hold what passes from one stage to
// the next, declared so that whatever may still be working is stopped first:
// the importer thread is joined before the transaction rolls back.
class Run {
 public:
  Run(const RunRequest& request, Reporter& reporter)
      : m_request(request),
        m_reporter(reporter),
        m_extra_threads(std::max<std::size_t>(request.threads, 1) - 1),
        m_importer(std::min<std::size_t>(m_extra_threads, 1)) {}

  std::vector<fs::path> go() {
    read_inputs();
    const ExportPool::Jobs jobs = check_outputs();
    resolve_import();
    import();
    auto prepared = plan_project(m_reader ? *m_reader : *m_store, m_project, m_request.plan,
                                 m_request.now, m_reporter);
    m_reader.reset();
    // The exports need only the plan in memory: they are written while the
    // rows are stored, and replace their files once the commit is done.
    CommitGate gate;
    ExportOptions gated = m_request.exports;
    gated.before_publish = [&gate] { gate.wait(); };
    ExportPool pool(m_project, gated, jobs, m_extra_threads, m_reporter);
    save(std::move(prepared), pool, gate);
    if (m_request.on_saved) m_request.on_saved(m_reports, m_project);
    m_store->release_memory();  // the exports need nothing more from the database
    finish_exports(pool, jobs.size());
    return pool.written();
  }

 private:
  // Reads every input before the database or the folder is touched. The
  // documents are estimated later, beside the import's ids.
  void read_inputs() {
    m_reporter.stage("reading " + std::to_string(m_request.documents.size()) + " document(s)");
    m_docs = parse::parse_documents(m_request.documents);
    if (m_request.team_file) {
      m_team = parse::parse_team_csv(parse::read_text_file(*m_request.team_file),
                                     m_request.team_file->string(), current_team(m_request.db));
    }
    if (!m_request.assignees.empty()) {
      // People already in the team keep their settings. A name of someone in
      // the team (or listed before) names them, as every name given does
      // (model::find_person: case does not matter).
      const auto current = current_team(m_request.db);
      for (const auto& name : m_request.assignees) {
        if (model::find_person(current, name) != nullptr ||
            model::find_person(m_team, name) != nullptr) {
          continue;
        }
        model::Assignee a;
        a.name = name;
        m_team.push_back(a);
      }
    }
    std::error_code ec;
    if (!m_request.team_file && m_request.assignees.empty() && !fs::exists(m_request.db, ec)) {
      throw UsageError("run needs a team: --team FILE.csv or --assignees \"A,B,C\"");
    }
  }

  // Creates the folder and checks that every export can be written before
  // the database changes: a folder in the way of a file (or a file in the way
  // of a folder) fails now, not after the plan was saved.
  ExportPool::Jobs check_outputs() const {
    const fs::path& dir = m_request.out_dir;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      fs::create_directory(dir, ec);
      if (ec) throw OutputError("cannot create the folder " + dir.string() + ": " + ec.message());
    }
    ExportPool::Jobs jobs;
    for (const auto& format : export_formats()) {
      if (format.run_file.empty()) continue;
      const bool folder = m_request.exports.per_assignee && !format.run_folder.empty();
      const fs::path path = dir / (folder ? format.run_folder : format.run_file);
      if (fs::exists(path, ec) && fs::is_directory(path, ec) != folder) {
        throw OutputError("cannot write " + path.string() + ": a " + (folder ? "file" : "folder") +
                          " is in the way; nothing was changed");
      }
      jobs.emplace_back(&format, path);
    }
    if (::access(dir.c_str(), W_OK) != 0) {
      throw OutputError("cannot write into " + dir.string() + ": " + std::strerror(errno) +
                        "; nothing was changed");
    }
    return jobs;
  }

  // Opens the database and the transaction, updates the team, and works out
  // the import (Store::resolve_imports: only reads) while a helper thread
  // estimates the prompts (the ids depend on the text alone); this thread
  // helps estimate once the ids are done.
  void resolve_import() {
    m_store.emplace(m_request.db, store::Access::read_write);
    m_store->set_now(m_request.now);
    m_reporter.stage("importing " + std::to_string(m_docs.size()) + " document(s)");
    m_tx.emplace(*m_store);
    for (const auto& a : m_team) m_store->upsert_assignee(a);
    estimate::EstimateWork estimates(m_docs, m_request.estimates);
    util::ThreadGroup helper(std::min<std::size_t>(m_extra_threads, 1));
    helper.start([&estimates] { estimates.work(); });
    m_resolved = m_store->resolve_imports(m_docs);
    estimates.work();
    helper.join();
  }

  // The imported project. When nothing comes back from the archive and the
  // file is in WAL mode, the importer thread writes the rows (it has the
  // connection to itself meanwhile) while this one turns the project loaded
  // before the import into the one those rows make, and a second, read-only
  // connection (which sees the last commit) serves the planning. Otherwise
  // the rows are written first and the project loaded after them.
  void import() {
    const auto write_rows = [this] {
      for (const auto& r : m_resolved.documents) m_reports.push_back(m_store->apply_import(r));
    };
    if (m_resolved.restores || !m_store->in_wal_mode()) {
      write_rows();
      std::vector<model::ParsedDocument>().swap(m_docs);  // the project holds it all from here
      m_reporter.stage("loading the project");
      m_project = m_store->load_project();
      return;
    }
    m_reporter.stage("loading the project");
    m_project = m_store->load_project();
    m_reader = std::make_unique<store::Store>(m_request.db, store::Access::read_only);
    if (!m_importer.start(write_rows)) write_rows();
    m_reporter.stage("predicting the imported project");
    store::apply_to_project(m_resolved, m_project);
  }

  // Waits for the import's rows, stores the plan's and commits, while the
  // pool writes the exports. Then opens the gate: on the commit, or on a
  // failure, when no export starts any more and none replaces its file.
  // What only the import and the plan's rows needed is freed on the way.
  void save(store::Store::PreparedPlan prepared, ExportPool& pool, CommitGate& gate) {
    try {
      if (m_importer.size() > 0) {
        m_reporter.stage("storing the imported rows");
        m_importer.join();
      }
      std::vector<model::ParsedDocument>().swap(m_docs);
      m_resolved = {};
      m_reporter.stage("writing the plan's rows");
      m_store->write_plan(m_project, prepared);
      m_reporter.stage("committing");
      m_tx->commit();
    } catch (...) {
      pool.cancel();
      gate.open(CommitGate::Outcome::failed);
      pool.join();
      throw;
    }
    gate.open(CommitGate::Outcome::committed);
  }

  void finish_exports(ExportPool& pool, std::size_t count) {
    m_reporter.stage("writing " + std::to_string(count) + " exports into " +
                     m_request.out_dir.string());
    try {
      pool.finish();
    } catch (const Error& e) {
      throw Error(std::string(e.what()) + " (the plan itself is saved in " + m_request.db.string() +
                      "; after fixing this, `rplan export` writes the file)",
                  e.code());
    }
    m_reporter.stage_done();
  }

  const RunRequest& m_request;
  Reporter& m_reporter;
  const std::size_t m_extra_threads;  // beside the caller's
  std::vector<model::ParsedDocument> m_docs;
  std::vector<model::Assignee> m_team;
  std::optional<store::Store> m_store;
  std::optional<store::Store::Transaction> m_tx;
  store::ResolvedImports m_resolved;
  std::vector<store::ImportReport> m_reports;
  model::Project m_project;
  std::unique_ptr<store::Store> m_reader;  // read-only, while the importer writes
  util::ThreadGroup m_importer;            // last: joined before the rest goes
};

}  // namespace

std::vector<fs::path> run(const RunRequest& request, Reporter& reporter) {
  return Run(request, reporter).go();
}

}  // namespace rplan::pipeline
