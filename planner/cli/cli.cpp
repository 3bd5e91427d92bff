#include "planner/cli/cli.hpp"

namespace rplan::cli {
int run(int, char**, std::ostream&, std::ostream&) { return 0; }
}  // namespace rplan::cli
