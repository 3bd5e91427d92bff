#pragma once

#include <ostream>

namespace rplan::cli {

// The whole command line: parses argv, runs one command, prints errors as
// "rplan: error: ..." (or FILE:LINE: error: ... lines) and returns the exit code.
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace rplan::cli
