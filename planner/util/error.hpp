#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace rplan {

// Process exit codes of the command line (sysexits.h values where one fits).
enum class ExitCode : int {
  ok = 0,
  failure = 1,
  usage = 2,
  data = 65,           // bad input data
  no_input = 66,       // input missing or unreadable
  unavailable = 69,    // a server cannot be reached
  cant_create = 73,    // output not writable
  busy = 75,           // database busy (temporary failure)
  no_permission = 77,  // a server refused the credentials
};

// The one exception type stages throw. what() is a single sentence without the
// "rplan: error: " prefix; cli::run prints it and exits with code().
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, ExitCode code = ExitCode::failure)
      : std::runtime_error(message), m_code(code) {}
  ExitCode code() const { return m_code; }

 private:
  ExitCode m_code;
};

// A command line that cannot be understood (exit 2).
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(message, ExitCode::usage) {}
};

// Input data that is wrong (exit 65).
class InputError : public Error {
 public:
  explicit InputError(const std::string& message) : Error(message, ExitCode::data) {}
};

// An input file that is missing or unreadable (exit 66).
class MissingInputError : public Error {
 public:
  explicit MissingInputError(const std::string& message) : Error(message, ExitCode::no_input) {}
};

// An output that cannot be written (exit 73).
class OutputError : public Error {
 public:
  explicit OutputError(const std::string& message) : Error(message, ExitCode::cant_create) {}
};

// The database stayed locked past the busy timeout (exit 75).
class BusyError : public Error {
 public:
  explicit BusyError(const std::string& message) : Error(message, ExitCode::busy) {}
};

// A server that cannot be reached, or that fails (exit 69).
class UnavailableError : public Error {
 public:
  explicit UnavailableError(const std::string& message) : Error(message, ExitCode::unavailable) {}
};

// A server refused the credentials (exit 77).
class CredentialsError : public Error {
 public:
  explicit CredentialsError(const std::string& message) : Error(message, ExitCode::no_permission) {}
};

// One problem found in an input file, reported as "FILE:LINE: error: MESSAGE".
struct Diagnostic {
  std::string file;
  int line = 0;  // 1-based; 0 when the problem concerns the whole file
  std::string message;

  std::string to_string() const;
};

// All problems of one input run, thrown together so that every one is printed
// (exit 65). what() holds the first; cli prints each of diagnostics().
class DiagnosticsError : public InputError {
 public:
  explicit DiagnosticsError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }

 private:
  std::vector<Diagnostic> m_diagnostics;
};

}  // namespace rplan
