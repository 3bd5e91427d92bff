#pragma once

// Multi-row INSERT statements, for the store's bulk writes of rows in key
// order (a plan's rows); not part of the store's interface. Not for rows with
// random keys: a many-row INSERT keeps a statement journal of every page it
// changes, and such rows change pages all over their indexes (the import
// writes one row per statement for that reason).

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <string>
#include <utility>

namespace rplan::store::detail {

// Inserts rows through one prepared INSERT of `k_batch` rows at a time (the
// last few one by one): a plan has about a million rows, and a statement per
// row spends as much time on the statement as on the row. Values are bound
// straight into the statement; the batch is stored once its last row is.
class BatchInsert {
 public:
  static constexpr int k_batch = 64;

  // `head`: "INSERT INTO t (a, b) VALUES ", `columns`: how many; `rows`: how
  // many rows will be added.
  BatchInsert(SQLite::Database& db, const std::string& head, int columns, std::size_t rows)
      : m_columns(columns),
        m_batched(rows - rows % k_batch),
        m_one(db, head + row_of(columns)),
        m_many(db, rows_of(head, columns)) {}

  // The statement to bind the next row into, and the row's first parameter.
  std::pair<SQLite::Statement&, int> next() {
    if (m_added < m_batched) {
      return {m_many, static_cast<int>(m_added % k_batch) * m_columns + 1};
    }
    return {m_one, 1};
  }
  // Room for texts of the current row made on the spot (32 bytes), which
  // stays put until the row is stored: bind it without a copy.
  char* scratch() { return m_scratch[m_added < m_batched ? m_added % k_batch : 0].data(); }
  // After binding the row that next() gave.
  void done() {
    ++m_added;
    if (m_added > m_batched || m_added % k_batch == 0) {
      SQLite::Statement& q = m_added > m_batched ? m_one : m_many;
      q.exec();
      q.reset();
    }
  }

 private:
  static std::string row_of(int columns) {
    std::string row = "(?";
    for (int c = 1; c < columns; ++c) row += ", ?";
    return row + ")";
  }
  static std::string rows_of(const std::string& head, int columns) {
    std::string sql = head;
    for (int r = 0; r < k_batch; ++r) sql += (r > 0 ? ", " : "") + row_of(columns);
    return sql;
  }
  int m_columns;
  std::size_t m_batched;
  std::size_t m_added = 0;
  SQLite::Statement m_one, m_many;
  std::array<std::array<char, 32>, k_batch> m_scratch{};
};

}  // namespace rplan::store::detail
