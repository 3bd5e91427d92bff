#include "planner/util/error.hpp"

namespace rplan {

std::string Diagnostic::to_string() const {
  std::string out = file;
  if (line > 0) out.append(":").append(std::to_string(line));
  out.append(": error: ").append(message);
  return out;
}

DiagnosticsError::DiagnosticsError(std::vector<Diagnostic> diagnostics)
    : InputError(diagnostics.empty() ? std::string("invalid input")
                                     : diagnostics.front().to_string()),
      m_diagnostics(std::move(diagnostics)) {}

}  // namespace rplan
