#include "planner/parse/checklist_reader.hpp"

#include "planner/parse/md4c_driver.hpp"

#include <md4c.h>

#include <algorithm>
#include <exception>
#include <limits>
#include <unordered_map>
#include <utility>

#include "planner/parse/inline_text.hpp"
#include "planner/parse/line_index.hpp"
#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

// How it works: md4c walks the checklist; every list item opens a frame (the
// document itself is the bottom frame, for markers outside any item). Text of
// the item's own blocks goes into its frame (nested items have their own), raw
// HTML is scanned for "<!-- rplan:... -->" comments, and when the item closes
// its marker, box and text become one ChecklistItem. md4c gives the offset of
// each box; other lines come from the text pointers, which point into our
// buffer.
namespace rplan::parse {
namespace {

struct Marker {
  model::ChecklistMarker marker;
  int line = 0;
};

// An open list item (or the document, for the bottom frame).
struct Frame {
  ChecklistBox box = ChecklistBox::missing;
  int line = 0;  // the box's line; 0 when there is no box
  TextBuilder text;
  std::string html;  // raw HTML not yet scanned: an open comment, possibly over lines
  int html_line = 0;
  std::vector<Marker> markers;
};

class ChecklistCollector {
 public:
  ChecklistCollector(const std::string& path, const LineIndex& lines, std::size_t bom)
      : m_path(path), m_lines(lines), m_bom(bom) {
    m_frames.emplace_back();
  }

  void enter_block(MD_BLOCKTYPE type, const void* detail);
  void leave_block(MD_BLOCKTYPE type);
  void enter_span(MD_SPANTYPE) {}  // emphasis, links...: their text is all that counts
  void leave_span() {}
  void text(MD_TEXTTYPE type, const char* data, MD_SIZE size);
  // Closes the document and returns its items in document order.
  std::vector<ChecklistItem> finish(const KnownTask& known);
  std::vector<Diagnostic>& diagnostics() { return m_diagnostics; }

 private:
  void report(int line, std::string message) {
    m_diagnostics.push_back(Diagnostic{m_path, line, std::move(message)});
  }
  void scan_html(Frame& frame);
  void read_comment(std::string_view body, int line, Frame& frame);
  void close(Frame& frame);

  const std::string& m_path;
  const LineIndex& m_lines;
  std::size_t m_bom;
  std::vector<Frame> m_frames;  // never empty: the document is the first
  std::vector<ChecklistItem> m_items;
  std::vector<Diagnostic> m_diagnostics;
};

void ChecklistCollector::enter_block(MD_BLOCKTYPE type, const void* detail) {
  if (type != MD_BLOCK_LI) {
    m_frames.back().text.space();  // a paragraph of a multi-paragraph item
    return;
  }
  Frame& frame = m_frames.emplace_back();
  const auto* li = static_cast<const MD_BLOCK_LI_DETAIL*>(detail);
  if (li->is_task) {
    frame.box = li->task_mark == ' ' ? ChecklistBox::open : ChecklistBox::ticked;
    frame.line = m_lines.line_of(m_bom + li->task_mark_offset);
  }
}

void ChecklistCollector::leave_block(MD_BLOCKTYPE type) {
  if (type != MD_BLOCK_LI) {
    m_frames.back().text.space();
    return;
  }
  close(m_frames.back());
  m_frames.pop_back();
}

void ChecklistCollector::text(MD_TEXTTYPE type, const char* data, MD_SIZE size) {
  Frame& frame = m_frames.back();
  const std::string_view piece(data, size);
  if (type != MD_TEXT_HTML) {
    append_inline(frame.text, type, piece);
    return;
  }
  if (frame.html.empty()) {
    frame.html_line = m_lines.line_at(data);
  } else {
    frame.html += '\n';  // md4c reports inline HTML one line at a time
  }
  frame.html += piece;
  scan_html(frame);
}

// Reads every complete comment in frame.html, keeping an unfinished one.
void ChecklistCollector::scan_html(Frame& frame) {
  std::string& html = frame.html;
  std::size_t from = 0;
  while (true) {
    const std::size_t open = html.find("<!--", from);
    if (open == std::string::npos) {
      html.clear();
      return;
    }
    const std::size_t close = html.find("-->", open + 4);
    if (close == std::string::npos) {
      html.erase(0, open);
      return;
    }
    read_comment(std::string_view(html).substr(open + 4, close - open - 4), frame.html_line, frame);
    from = close + 3;
  }
}

// A comment that is not an rplan marker is not ours; a broken one is reported.
void ChecklistCollector::read_comment(std::string_view body, int line, Frame& frame) {
  auto parsed = model::parse_checklist_marker(body);
  if (!parsed) return;
  if (!parsed->problem.empty()) {
    report(line, std::move(parsed->problem));
    return;
  }
  frame.markers.push_back(Marker{std::move(parsed->marker), line});
}

void ChecklistCollector::close(Frame& frame) {
  if (frame.markers.empty()) return;
  if (frame.markers.size() > 1) {
    std::vector<std::string> ids;
    for (const auto& m : frame.markers) ids.push_back(m.marker.id);
    report(frame.line != 0 ? frame.line : frame.markers.front().line,
           "one item holds the rplan markers of tasks " + util::join(ids, ", ") +
               "; each task needs its own item");
    return;
  }
  Marker& marker = frame.markers.front();
  ChecklistItem& item = m_items.emplace_back();
  item.id = std::move(marker.marker.id);
  item.exported_status = marker.marker.status;
  item.fingerprint = std::move(marker.marker.fingerprint);
  item.box = frame.box;
  item.line = frame.line != 0 ? frame.line : marker.line;
  item.text = frame.text.take();
}

std::vector<ChecklistItem> ChecklistCollector::finish(const KnownTask& known) {
  // Markers outside any item: the checklist lost their boxes.
  for (Marker& marker : m_frames.front().markers) {
    ChecklistItem item;
    item.id = std::move(marker.marker.id);
    item.exported_status = marker.marker.status;
    item.fingerprint = std::move(marker.marker.fingerprint);
    item.line = marker.line;
    m_items.push_back(std::move(item));
  }
  std::stable_sort(m_items.begin(), m_items.end(),
                   [](const ChecklistItem& a, const ChecklistItem& b) { return a.line < b.line; });
  std::unordered_map<std::string_view, int> first_lines;
  for (const ChecklistItem& item : m_items) {
    if (known && !known(item.id)) {
      report(item.line, "no task has the id \"" + item.id +
                            "\" (gone from its topic document since the export, or a checklist "
                            "of another database?)");
    }
    const auto [it, fresh] = first_lines.emplace(item.id, item.line);
    if (!fresh) {
      report(item.line, "task " + item.id + " is listed twice (lines " +
                            std::to_string(it->second) + " and " + std::to_string(item.line) +
                            "); keep one of the two items");
    }
  }
  return std::move(m_items);
}

}  // namespace

std::vector<ChecklistItem> read_checklist(std::string_view text, const std::string& path,
                                          const KnownTask& known) {
  if (text.size() >= std::numeric_limits<MD_SIZE>::max()) {
    throw InputError(path + ": the checklist is too large (4 GiB or more)");
  }
  // md4c reads only valid UTF-8 (see valid_utf8_copy); a stray byte in an
  // edited checklist is harmless to the markers, which are ASCII.
  const std::string valid = detail::valid_utf8_copy(text);
  if (!valid.empty()) text = valid;
  const LineIndex lines(text);
  const std::size_t bom = text.starts_with(util::k_utf8_bom) ? util::k_utf8_bom.size() : 0;
  ChecklistCollector collector(path, lines, bom);
  detail::run_md4c(text.substr(bom), collector, path);
  std::vector<ChecklistItem> items = collector.finish(known);
  std::vector<Diagnostic>& diagnostics = collector.diagnostics();
  if (!diagnostics.empty()) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.line < b.line; });
    throw DiagnosticsError(std::move(diagnostics));
  }
  return items;
}

}  // namespace rplan::parse
